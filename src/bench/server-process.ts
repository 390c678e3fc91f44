import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

/** A free loopback port, found by letting the OS pick one and releasing it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  server.close();
  await once(server, "close");
  if (!port) throw new Error("could not find a free port");
  return port;
}

export interface StartedProcess {
  readonly child: ChildProcess;
  readonly port: number;
  /** Milliseconds from spawn to the first answered request (the readiness probe). */
  readonly readyMs: number;
  stop(): Promise<void>;
}

/** POST /api/ask once; true when it answered 200. */
export async function askOnce(port: number, question: string): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question }),
    });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Spawns `node <args>` with PORT set to a free port and polls `probe` every few
 * milliseconds until it succeeds; the time to that first success is the cold start.
 */
export async function startProcess(
  args: readonly string[],
  probe: (port: number) => Promise<boolean>,
  settings: { readonly environment?: Record<string, string | undefined>; readonly logName?: string; readonly timeoutMs?: number } = {},
): Promise<StartedProcess> {
  const timeoutMs = settings.timeoutMs ?? 30_000;
  const port = await freePort();
  // The server's log (one line per request) goes to a file, as in production, not through
  // a pipe the bench process would have to drain on the same cores.
  mkdirSync(".tmp/bench", { recursive: true });
  const logFile = `.tmp/bench/${settings.logName ?? "server"}.log`;
  const log = openSync(logFile, "w");
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...settings.environment, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", log],
  });
  closeSync(log);
  const stderrTail = (): string => {
    try {
      return readFileSync(logFile, "utf8").slice(0, 500).trim();
    } catch {
      return "";
    }
  };
  const stop = (): Promise<void> => stopChild(child);
  while (performance.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`node ${args.join(" ")} exited with code ${child.exitCode} before answering: ${stderrTail()}`);
    if (await probe(port)) return { child, port, readyMs: performance.now() - started, stop };
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await stop();
  throw new Error(`node ${args.join(" ")} did not answer within ${timeoutMs / 1000} s: ${stderrTail()}`);
}
