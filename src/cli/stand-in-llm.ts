import { QaError } from "../core/errors.js";
import { startScriptedLlmServer, type RecordedRequest } from "../bench/scripted-llm-server.js";
import { faithfulAnswer, promptPassages, rewriteQuestion, withFiguresChanged } from "../bench/stand-in-replies.js";
import { parseArguments } from "./arguments.js";
import { runCommand } from "./run-command.js";

/**
 * `npm run stand-in-llm -- --mode faithful|fabricating`: an OpenAI-compatible model server on
 * loopback that answers from the prompt alone, for measuring the generative path where no
 * model is reachable (`npm run eval -- --answerer generative --llm-base-url <printed URL>
 * --llm-model stand-in`). faithful: the given passages' own sentences, each citing its
 * passage — what the gate should keep; fabricating: the same with every figure changed — what
 * it must remove. A rewrite request gets the question back unchanged in both modes.
 */
const USAGE = "Usage: npm run stand-in-llm -- --mode faithful|fabricating [--port N] [--characters N]";
const MODES = ["faithful", "fabricating"] as const;

runCommand(async () => {
  const { values } = parseArguments(process.argv.slice(2), { mode: { type: "string" }, port: { type: "string" }, characters: { type: "string" }, help: { type: "boolean" } }, USAGE);
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const mode = values.mode ?? "faithful";
  if (!(MODES as readonly string[]).includes(mode)) throw new QaError("invalid_parameter", `--mode must be faithful or fabricating, not "${mode}".\n${USAGE}`);
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new QaError("invalid_parameter", `--port must be a port number (0–65535), not "${values.port}".\n${USAGE}`);
  const characters = values.characters === undefined ? 180 : Number(values.characters);
  if (!Number.isInteger(characters) || characters < 20) throw new QaError("invalid_parameter", `--characters must be a whole number of at least 20.\n${USAGE}`);
  const reply = (request: RecordedRequest): string => {
    const rewrite = rewriteQuestion(request);
    if (rewrite !== undefined) return rewrite;
    const faithful = faithfulAnswer(promptPassages(request), characters) || "报告中没有找到相关内容。";
    return mode === "fabricating" ? withFiguresChanged(faithful) : faithful;
  };
  const server = await startScriptedLlmServer((request) => ({ reply: reply(request) }), { port });
  process.stdout.write(`stand-in model (${mode}) listening: LLM_BASE_URL=${server.baseUrl}\n`);
  await new Promise<void>((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve());
  });
  await server.close();
});
