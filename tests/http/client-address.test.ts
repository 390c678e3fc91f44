import type { Context } from "hono";
import { beforeAll, describe, expect, it } from "vitest";
import { readConfiguration } from "../../src/adapters/node/configuration.js";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import { clientAddress } from "../../src/http/client-address.js";
import { createApp } from "../../src/http/create-app.js";
import { reportEngine } from "../support/engine.js";

let engine: QaEngine;
beforeAll(async () => {
  engine = await reportEngine();
});

// Every request arrives over the same socket (one client, or one proxy in front of many).
const SOCKET = "10.0.0.1";
const limitedApp = (trustProxy?: number): ReturnType<typeof createApp> =>
  createApp(engine, { vectorIndex: "brute-force" }, { rateLimitPerMinute: 1, rateLimitBurst: 1, clientKey: () => SOCKET, now: () => 0, ...(trustProxy === undefined ? {} : { trustProxy }) });
const meta = (app: ReturnType<typeof createApp>, forwardedFor?: string): Promise<Response> =>
  Promise.resolve(app.request("/api/meta", { headers: forwardedFor === undefined ? {} : { "X-Forwarded-For": forwardedFor } }));

describe("the rate-limit key with TRUST_PROXY=0 (the default)", () => {
  it("ignores a spoofed X-Forwarded-For: a client cannot get a fresh bucket by inventing addresses", async () => {
    for (const app of [limitedApp(), limitedApp(0)]) {
      expect((await meta(app, "203.0.113.1")).status).toBe(200);
      const second = await meta(app, "203.0.113.2");
      expect(second.status).toBe(429);
      expect(await second.json()).toMatchObject({ error: { code: "rate_limited" } });
      expect((await meta(app, "198.51.100.7, 203.0.113.3")).status).toBe(429);
      expect((await meta(app)).status).toBe(429);
    }
  });
});

describe("the rate-limit key behind trusted proxies", () => {
  it("with one proxy, gives each client address its own bucket", async () => {
    const app = limitedApp(1);
    expect((await meta(app, "203.0.113.1")).status).toBe(200);
    expect((await meta(app, "203.0.113.2")).status).toBe(200);
    expect((await meta(app, "203.0.113.1")).status).toBe(429);
    // What the client wrote itself sits left of what the proxy appended and is not the key.
    expect((await meta(app, "198.51.100.99, 203.0.113.1")).status).toBe(429);
  });

  it("takes the N-th address from the right, the leftmost when there are fewer, else the socket", () => {
    const context = (forwardedFor?: string): Context =>
      ({ req: { header: (name: string) => (name.toLowerCase() === "x-forwarded-for" ? forwardedFor : undefined) } }) as unknown as Context;
    const socket = (): string => SOCKET;
    expect(clientAddress(context("1.1.1.1, 2.2.2.2, 3.3.3.3"), socket, 0)).toBe(SOCKET);
    expect(clientAddress(context("1.1.1.1, 2.2.2.2, 3.3.3.3"), socket, 1)).toBe("3.3.3.3");
    expect(clientAddress(context("1.1.1.1, 2.2.2.2, 3.3.3.3"), socket, 2)).toBe("2.2.2.2");
    expect(clientAddress(context("1.1.1.1,2.2.2.2"), socket, 5)).toBe("1.1.1.1");
    expect(clientAddress(context("2001:db8::1"), socket, 1)).toBe("2001:db8:0:0::/64");
    expect(clientAddress(context(undefined), socket, 1)).toBe(SOCKET);
    expect(clientAddress(context(""), socket, 1)).toBe(SOCKET);
    expect(clientAddress(context("not an address"), socket, 1)).toBe(SOCKET);
    expect(clientAddress(context(`${"9.9.9.9, ".repeat(2000)}4.4.4.4`), socket, 1)).toBe("4.4.4.4");
  });
});

describe("one bucket per client however its address is spelled (issue 9, finding 7)", () => {
  it("with TRUST_PROXY=1, gives every spelling of one IPv4 address the same bucket", async () => {
    const app = limitedApp(1);
    expect((await meta(app, "198.51.100.4")).status).toBe(200);
    for (const spelling of ["::ffff:198.51.100.4", "::FFFF:198.51.100.4", "::ffff:c633:6404", "198.51.100.4:1", "[198.51.100.4]:3", "198.51.100.4%eth0", "[::ffff:198.51.100.4]:80", " 198.51.100.4 "]) {
      expect((await meta(app, spelling)).status, spelling).toBe(429);
    }
  });

  it("keys IPv6 clients on their /64, in any case and spelling", async () => {
    const app = limitedApp(1);
    expect((await meta(app, "2001:db8:1:2::1")).status).toBe(200);
    for (const spelling of ["2001:DB8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff", "[2001:db8:1:2::9]:443", "2001:0db8:0001:0002::5%eth0"]) {
      expect((await meta(app, spelling)).status, spelling).toBe(429);
    }
    // The next /64 is another subscriber.
    expect((await meta(app, "2001:db8:1:3::1")).status).toBe(200);
    expect((await meta(app, "[::1]:80")).status).toBe(200);
    expect((await meta(app, "::1")).status).toBe(429);
  });

  it("ignores what is not an address in X-Forwarded-For and keys on the socket instead", async () => {
    const app = limitedApp(1);
    expect((await meta(app, "not-an-address")).status).toBe(200);
    for (const junk of ["999.1.1.1", "01.2.3.4", "1::2::3", "[::1", "unknown", "2001:db8::1::"]) expect((await meta(app, junk)).status, junk).toBe(429);
    // A real address is still its own client.
    expect((await meta(app, "203.0.113.9")).status).toBe(200);
  });

  it("maps an IPv4-mapped socket address (dual-stack listener) to the IPv4 client", async () => {
    const socket = { address: "::ffff:192.0.2.7" };
    const app = createApp(engine, { vectorIndex: "brute-force" }, { rateLimitPerMinute: 1, rateLimitBurst: 1, clientKey: () => socket.address, now: () => 0 });
    expect((await app.request("/api/meta")).status).toBe(200);
    socket.address = "192.0.2.7";
    expect((await app.request("/api/meta")).status).toBe(429);
  });
});

describe("ADMIN_KEY and TRUST_PROXY settings", () => {
  it("default to no admin key and no trusted proxy", () => {
    expect(readConfiguration({})).toMatchObject({ adminKey: undefined, trustProxy: 0 });
    expect(readConfiguration({ ADMIN_KEY: "", TRUST_PROXY: "" })).toMatchObject({ adminKey: undefined, trustProxy: 0 });
  });

  it("read a long enough admin key and a hop count", () => {
    expect(readConfiguration({ ADMIN_KEY: "0123456789abcdef", TRUST_PROXY: "2", API_KEY: "another-key" })).toMatchObject({ adminKey: "0123456789abcdef", trustProxy: 2 });
  });

  it("refuse a short admin key, one equal to API_KEY, and a bad hop count by name, without echoing the key", () => {
    expect(() => readConfiguration({ ADMIN_KEY: "short-secret" })).toThrow(/ADMIN_KEY: must be at least 16 characters/u);
    expect(() => readConfiguration({ ADMIN_KEY: "short-secret" })).not.toThrow(/short-secret/u);
    expect(() => readConfiguration({ ADMIN_KEY: "has spaces in the secret" })).toThrow(/ADMIN_KEY/u);
    expect(() => readConfiguration({ ADMIN_KEY: "same-key-0123456789", API_KEY: "same-key-0123456789" })).toThrow(/ADMIN_KEY: must differ from API_KEY/u);
    expect(() => readConfiguration({ TRUST_PROXY: "-1" })).toThrow(/TRUST_PROXY/u);
    expect(() => readConfiguration({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY/u);
  });
});
