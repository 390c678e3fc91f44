import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { describeDatabase, parseDatabaseUrl } from "../adapters/postgres/database-url.js";
import { readMemory, type MemoryFigures } from "./scale-child.js";

/** The database the scale-postgres part measures against, and how to let it go. */
export interface BenchDatabase {
  readonly url: string;
  readonly kind: "postgres" | "pglite";
  /** What the report says it is: host:port/database of BENCH_DATABASE_URL, or PGlite's caveat. */
  readonly description: string;
  /** The PGlite process's memory (VmHWM/VmRSS); undefined for an external server. */
  memory(): MemoryFigures | undefined;
  stop(): Promise<void>;
}

export const PGLITE_CAVEAT =
  "PGlite + pgvector (Postgres compiled to WASM) in a process of its own, served over pglite-socket: one connection at a time, one thread, " +
  "so its latencies and throughput are an upper bound on what a managed PostgreSQL costs, not a figure for one";

const START_TIMEOUT_MS = 60_000;

/**
 * BENCH_DATABASE_URL when set (a real PostgreSQL with pgvector — a scratch database: the bench
 * publishes its index there as the served version), else PGlite started in a child process.
 */
export async function startBenchDatabase(environment: NodeJS.ProcessEnv = process.env): Promise<BenchDatabase> {
  const external = environment.BENCH_DATABASE_URL?.trim();
  if (external) {
    const where = describeDatabase(parseDatabaseUrl(external));
    return { url: external, kind: "postgres", description: `PostgreSQL at ${where} (BENCH_DATABASE_URL)`, memory: () => undefined, stop: async () => undefined };
  }
  return startPgliteChild();
}

async function startPgliteChild(): Promise<BenchDatabase> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/bench/pglite-child.ts"], { stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => void (stderr = `${stderr}${chunk.toString("utf8")}`.slice(-2_000)));
  const exited = once(child, "exit");
  const lines = createInterface({ input: child.stdout! });
  const firstLine = new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`PGlite exited with code ${code} before listening: ${stderr.trim() || "no message"}`)));
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`PGlite did not start within ${START_TIMEOUT_MS / 1000} s: ${stderr.trim() || "no message"}`)), START_TIMEOUT_MS);
  });
  let url: string;
  try {
    url = (JSON.parse(await Promise.race([firstLine, timeout])) as { url: string }).url;
  } catch (error) {
    await stopChild(child, exited);
    throw error;
  } finally {
    clearTimeout(timer);
    lines.close();
  }
  return {
    url,
    kind: "pglite",
    description: PGLITE_CAVEAT,
    memory: () => (child.pid !== undefined && child.exitCode === null ? readMemory(child.pid) : undefined),
    stop: () => stopChild(child, exited),
  };
}

async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
