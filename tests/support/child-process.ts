import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { projectRoot } from "./corpus.js";

export interface ProcessResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

// Settings the service reads from the environment: a child must get only those a test sets.
const SERVICE_VARIABLES = [
  "INDEX_DIR",
  "CORPUS_DIR",
  "EMBEDDER",
  "VECTOR_INDEX",
  "DATABASE_URL",
  "PORT",
  "HOST",
  "DEBUG",
  "TRANSFORMERS_MODEL_PATH",
  "TRANSFORMERS_ALLOW_REMOTE",
  "ALLOWED_ORIGINS",
  "FRAME_ANCESTORS",
  "DATA_DIR",
  "FEEDBACK_MAX_BYTES",
  "FEEDBACK_KEEP_FILES",
  "API_KEY",
  "RATE_LIMIT_PER_MINUTE",
  "RATE_LIMIT_BURST",
  "MAX_IN_FLIGHT",
  "REQUEST_TIMEOUT_MS",
  "MAX_BODY_BYTES",
  "ANSWERER",
  "LLM_PROVIDER",
  "LLM_BASE_URL",
  "LLM_MODEL",
  "LLM_API_KEY",
  "LLM_TIMEOUT_MS",
  "LLM_REWRITE",
];

/** The parent's environment without any service setting, plus the given overrides. */
export function childEnvironment(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const environment: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SERVICE_VARIABLES) delete environment[name];
  return { ...environment, ...overrides };
}

/** Resolves when the process exits; kills it (and fails) if it outlives `timeoutMs`. */
export function waitForExit(child: ChildProcess, timeoutMs = 20_000): Promise<ProcessResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (data: string) => (stdout += data));
  child.stderr?.setEncoding("utf8").on("data", (data: string) => (stderr += data));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`process did not exit within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** `node --import tsx <script> …args` from the project root, as `npm run <script>` runs it. */
export function runTypeScript(script: string, args: readonly string[], environment: Record<string, string> = {}, timeoutMs?: number): Promise<ProcessResult> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: projectRoot,
    env: childEnvironment(environment),
    stdio: ["ignore", "pipe", "pipe"],
  });
  return waitForExit(child, timeoutMs);
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A pid that belonged to a process which has exited (for stale-lock tests). */
export async function exitedProcessId(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  const pid = child.pid;
  await waitForExit(child);
  if (pid === undefined) throw new Error("could not start a child process");
  return pid;
}

/** Lines that look like a JavaScript stack frame ("    at fn (file:1:2)"). */
export function stackFrames(text: string): string[] {
  return text.split("\n").filter((line) => /^\s+at\s.+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/u.test(line));
}

/** Polls GET /api/health until it answers 200; fails early when the server process has exited. */
export async function waitForHealth(baseUrl: string, server: ChildProcess, exited: Promise<ProcessResult>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem: unknown;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited early: ${JSON.stringify(await exited)}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
      lastProblem = `status ${response.status}`;
    } catch (error) {
      lastProblem = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not become healthy: ${String(lastProblem)}`);
}
