import { describe, expect, it } from "vitest";
import { readConfiguration } from "../../src/adapters/node/configuration.js";
import { createApp } from "../../src/http/create-app.js";
import { hostAllowed, hostName, LOOPBACK_HOSTS } from "../../src/http/host-guard.js";
import { reportEngine } from "../support/engine.js";

const get = async (allowedHosts: readonly string[] | undefined, host: string): Promise<Response> => {
  const app = createApp(await reportEngine(), { vectorIndex: "brute-force" }, allowedHosts ? { allowedHosts } : {});
  return app.request("http://127.0.0.1/api/search?q=%E6%A3%AE%E6%9E%97", { headers: { host } });
};

describe("DNS rebinding: the Host a server on loopback answers to", () => {
  it("refuses a page whose own name points at 127.0.0.1, with 403 host_not_allowed naming the host", async () => {
    const response = await get(LOOPBACK_HOSTS, "evil.example:8787");
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: { code: "host_not_allowed", message: expect.stringContaining("evil.example") } });
  });

  it.each(["localhost:8787", "127.0.0.1:8787", "[::1]:8787", "127.0.0.5", "LOCALHOST", "192.168.1.20:8787"])("answers %s (loopback names and any IP address)", async (host) => {
    expect((await get(LOOPBACK_HOSTS, host)).status).toBe(200);
  });

  it("answers any host when no list is configured, and the listed domain's subdomains with a leading dot", async () => {
    expect((await get(undefined, "evil.example")).status).toBe(200);
    expect(hostAllowed("qa.example.org", [".example.org"])).toBe(true);
    expect(hostAllowed("example.org", [".example.org"])).toBe(true);
    expect(hostAllowed("example.org.evil.example", [".example.org"])).toBe(false);
    expect(hostName("[::1]:80")).toBe("::1");
  });

  it("defaults to the loopback names when HOST is loopback, to any host on a public address, and to ALLOWED_HOSTS when set", () => {
    expect(readConfiguration({}).allowedHosts).toEqual(expect.arrayContaining([...LOOPBACK_HOSTS]));
    expect(readConfiguration({ HOST: "0.0.0.0" }).allowedHosts).toBeUndefined();
    expect(readConfiguration({ HOST: "0.0.0.0", ALLOWED_HOSTS: "qa.example.org, .example.net" }).allowedHosts).toEqual(["qa.example.org", ".example.net"]);
  });
});
