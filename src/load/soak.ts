/** The soak's measuring half: the bundled server under sustained POST /api/ask and /v1/chat/completions load, its RSS sampled each second. */
import autocannon, { type AutocannonRequest, type AutocannonResult } from "autocannon";
import { readGoldQuestions } from "../bench/gold-questions.js";
import { askOnce, startProcess } from "../bench/server-process.js";
import { percentile } from "../bench/stats.js";
import { answerBodyProblem, CLIENT_TIMEOUT_SECONDS, completionBodyProblem, parseVmRss, type RssSample, type SoakMeasurements } from "./verdict.js";
import { readProcessStatus } from "../bench/process-memory.js";

const BAD_BODY_EXAMPLES = 3;
/** The model id /v1 serves for the committed corpus (src/http/openai-models.ts). */
const OPENAI_MODEL = "jiangjin-15th-congress-report";

/** autocannon calls a request's onResponse with each response's status and body (not in the shared types). */
interface CheckedRequest extends AutocannonRequest {
  onResponse(status: number, body: string): void;
}

/** The server's resident set size in bytes (Linux only: /proc/<pid>/status); undefined when unreadable. */
function readRss(pid: number): number | undefined {
  const status = readProcessStatus(pid);
  return status === undefined ? undefined : parseVmRss(status);
}

async function healthStatus(port: number): Promise<number | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}

// Ways readers open or close a question; with the gold questions they give more distinct
// wordings than the default answer cache (1000) holds.
const OPENINGS = ["", "请问", "我想了解一下，", "麻烦问下，", "想请教：", "能告诉我"];
const CLOSINGS = ["", "谢谢", "？"];
export const DISTINCT_WORDINGS_PER_QUESTION = OPENINGS.length * CLOSINGS.length - 1;

/** Alternates a gold question (repeats) with a fresh wording of one (each computed). */
export function questionMix(questions: readonly string[]): { next(): string } {
  const wordings = OPENINGS.flatMap((opening) => CLOSINGS.map((closing) => [opening, closing] as const)).filter(([opening, closing]) => opening || closing);
  let count = 0;
  return {
    next() {
      const index = count++;
      const question = questions[Math.floor(index / 2) % questions.length]!;
      if (index % 2 === 0) return question;
      const [opening, closing] = wordings[Math.floor(index / 2 / questions.length) % wordings.length]!;
      return `${opening}${question}${closing}`;
    },
  };
}

export async function runSoak(seconds: number, connections: number, progress: (message: string) => void): Promise<SoakMeasurements> {
  const questions = await readGoldQuestions();
  // No rate limit (one client address sending everything would be throttled) and no API key;
  // the in-flight bound, the request timeout and the body limit stay at their defaults even
  // if this shell sets them.
  const server = await startProcess(["dist/server.mjs"], (port) => askOnce(port, questions[0]!), {
    environment: { RATE_LIMIT_PER_MINUTE: "0", API_KEY: undefined, MAX_IN_FLIGHT: undefined, REQUEST_TIMEOUT_MS: undefined, MAX_BODY_BYTES: undefined },
    logName: "load-server",
  });
  let serverExit: string | null = null;
  server.child.once("exit", (code, signal) => {
    serverExit = signal ? `killed by ${signal}` : `exit code ${code}`;
  });
  try {
    const pid = server.child.pid;
    const rssUnavailable =
      pid === undefined
        ? "the server process has no pid."
        : readRss(pid) === undefined
          ? `could not read VmRSS from /proc/${pid}/status: RSS sampling is Linux-only (platform here: ${process.platform}) and the server has no endpoint to ask instead.`
          : undefined;
    progress(`server pid ${pid} on port ${server.port}; ${seconds} s at ${connections} connections over ${questions.length} gold questions, half of them reworded…`);

    const rssSamples: RssSample[] = [];
    const latencies: number[] = [];
    const statusCodes: Record<string, number> = {};
    let bodiesChecked = 0;
    let badBodies = 0;
    const badBodyExamples: string[] = [];
    const errorKinds: Record<string, number> = {};
    let errorWindow: [number, number] | null = null;

    const started = performance.now();
    const sample = (): void => {
      if (rssUnavailable || pid === undefined) return;
      const rssBytes = readRss(pid);
      if (rssBytes !== undefined) rssSamples.push({ atSeconds: (performance.now() - started) / 1000, rssBytes });
    };
    const checked = (bodyProblem: (body: string) => string | undefined) => (status: number, body: string): void => {
      if (status < 200 || status >= 300) return;
      bodiesChecked++;
      const problem = bodyProblem(body);
      if (problem) {
        badBodies++;
        if (badBodyExamples.length < BAD_BODY_EXAMPLES) badBodyExamples.push(problem);
      }
    };
    // Half the requests repeat the gold questions (served from the answer cache after the first
    // pass, as repeated reader questions are); the other half are the same questions in other
    // wordings, more of them than the cache holds and handed out in turn across connections,
    // so each is computed afresh: the answerer works through the whole run.
    const mix = questionMix(questions);
    // Each connection alternates the JSON API and the OpenAI-compatible route (same engine, own answer cache).
    const json = { "content-type": "application/json" };
    const requests: CheckedRequest[] = [
      { method: "POST", path: "/api/ask", headers: json, setupRequest: (request) => ({ ...request, body: JSON.stringify({ question: mix.next() }) }), onResponse: checked(answerBodyProblem) },
      {
        method: "POST",
        path: "/v1/chat/completions",
        headers: json,
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ model: OPENAI_MODEL, messages: [{ role: "user", content: mix.next() }] }) }),
        onResponse: checked(completionBodyProblem),
      },
    ];

    sample();
    let tick = 0;
    const sampler = setInterval(() => {
      sample();
      if (++tick % 10 === 0 && tick < seconds) {
        const rss = rssSamples.at(-1);
        progress(`${tick} s: ${latencies.length} responses${rss ? `, server RSS ${(rss.rssBytes / 1024 / 1024).toFixed(1)} MB` : ""}`);
      }
    }, 1000);
    let result: AutocannonResult;
    try {
      result = await new Promise<AutocannonResult>((resolve, reject) => {
        const tracker = autocannon(
          { url: `http://127.0.0.1:${server.port}`, connections, duration: seconds, timeout: CLIENT_TIMEOUT_SECONDS, requests },
          (error, finished) => (error ? reject(error) : resolve(finished)),
        );
        tracker.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
          statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
          latencies.push(responseTime);
        });
        tracker.on("reqError", (error: Error) => {
          errorKinds[error.message] = (errorKinds[error.message] ?? 0) + 1;
          const at = Number(((performance.now() - started) / 1000).toFixed(1));
          errorWindow = [errorWindow?.[0] ?? at, at];
        });
      });
    } finally {
      clearInterval(sampler);
    }
    sample();
    const elapsed = result.duration > 0 ? result.duration : (performance.now() - started) / 1000;
    const healthAfter = serverExit === null ? await healthStatus(server.port) : null;
    return {
      seconds,
      connections,
      responses: latencies.length,
      requestsPerSecond: latencies.length / elapsed,
      latency: {
        p50: latencies.length ? percentile(latencies, 50) : Number.NaN,
        p975: latencies.length ? percentile(latencies, 97.5) : Number.NaN,
        p99: latencies.length ? percentile(latencies, 99) : Number.NaN,
      },
      statusCodes,
      errors: result.errors,
      timeouts: result.timeouts,
      errorKinds,
      errorWindow,
      bodiesChecked,
      badBodies,
      badBodyExamples,
      rssSamples,
      ...(rssUnavailable ? { rssUnavailable } : {}),
      serverExit,
      healthAfter,
    };
  } finally {
    await server.stop();
  }
}
