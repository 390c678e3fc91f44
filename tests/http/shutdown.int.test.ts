import { spawn } from "node:child_process";
import * as http from "node:http";
import { describe, expect, it } from "vitest";
import { askResponseSchema } from "../../src/core/schemas/ask-response.js";
import { childEnvironment, freePort, waitForExit, waitForHealth } from "../support/child-process.js";
import { projectRoot } from "../support/corpus.js";

const pause = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

function get(agent: http.Agent, port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, agent }, (response) => {
        let body = "";
        response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

describe("graceful shutdown (src/entry/node.ts)", () => {
  it("on SIGTERM stops accepting, finishes the request in flight, drops idle keep-alive connections and exits 0", async () => {
    const port = await freePort();
    const server = spawn(process.execPath, ["--import", "tsx", "src/entry/node.ts"], {
      cwd: projectRoot,
      env: childEnvironment({ PORT: String(port), HOST: "127.0.0.1", RATE_LIMIT_PER_MINUTE: "0" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = waitForExit(server, 50_000);
    await waitForHealth(`http://127.0.0.1:${port}`, server, exited);

    // An idle keep-alive connection, which alone would keep server.close() waiting.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    expect((await get(agent, port, "/api/health")).status).toBe(200);

    // A request in flight: headers sent, body only half uploaded.
    const body = Buffer.from(JSON.stringify({ question: "到2026年江津区地区生产总值的目标是多少?", topK: 2 }));
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(
        { host: "127.0.0.1", port, path: "/api/ask", method: "POST", headers: { "content-type": "application/json", "content-length": body.length, "x-request-id": "in-flight-1" } },
        (response) => {
          let text = "";
          response.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      request.on("error", reject);
      request.write(body.subarray(0, 10));
      void pause(300).then(() => {
        server.kill("SIGTERM");
        return pause(300).then(() => request.end(body.subarray(10)));
      });
    });

    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(askResponseSchema.parse(JSON.parse(answered.body)).answer).toContain("1800亿元");

    // New connections are refused once shutdown began.
    await expect(get(new http.Agent(), port, "/api/health")).rejects.toThrow(/ECONNREFUSED|ECONNRESET/u);

    const result = await exited;
    agent.destroy();
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
    // The finished request was logged as one JSON line with its id.
    const logged = result.stderr
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(expect.objectContaining({ requestId: "in-flight-1", path: "/api/ask", status: 200 }));
    expect(result.stderr).not.toContain("cut off");
  }, 60_000);
});
