import * as path from "node:path";
import { DEFAULT_CHUNKER_SETTINGS } from "../core/chunking/chunk.js";
import { QaError } from "../core/errors.js";
import { ingestCorpus } from "../adapters/node/ingest.js";
import { parseArguments } from "./arguments.js";
import { createProgressBar } from "./progress-bar.js";
import { runCommand } from "./run-command.js";

const USAGE = `Usage: npm run ingest -- [--embedder hashing|transformers:<model-id>] [--corpus DIR] [--index DIR] [--chunk-size N] [--overlap N]`;

runCommand(async () => {
  const { values } = parseArguments(
    process.argv.slice(2),
    {
      embedder: { type: "string", default: process.env.EMBEDDER ?? "hashing" },
      corpus: { type: "string", default: process.env.CORPUS_DIR ?? "corpus" },
      index: { type: "string", default: process.env.INDEX_DIR ?? "index" },
      "chunk-size": { type: "string", default: String(DEFAULT_CHUNKER_SETTINGS.maxCharacters) },
      overlap: { type: "string", default: String(DEFAULT_CHUNKER_SETTINGS.overlapSentences) },
      help: { type: "boolean", default: false },
    },
    USAGE,
  );
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const maxCharacters = Number(values["chunk-size"]);
  const overlapSentences = Number(values.overlap);
  if (!Number.isInteger(maxCharacters) || maxCharacters < 20 || maxCharacters > 10000) throw new QaError("invalid_parameter", "--chunk-size must be a whole number from 20 to 10000.");
  if (!Number.isInteger(overlapSentences) || overlapSentences < 0 || overlapSentences > 5) throw new QaError("invalid_parameter", "--overlap must be a whole number from 0 to 5.");
  const started = performance.now();
  const manifest = await ingestCorpus({
    corpusDirectory: path.resolve(values.corpus),
    indexDirectory: path.resolve(values.index),
    embedder: values.embedder,
    environment: process.env,
    chunker: { maxCharacters, overlapSentences },
    onProgress: createProgressBar("Embedding chunks"),
    warn: (message) => process.stderr.write(`warning: ${message}\n`),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  process.stderr.write(
    `Indexed ${manifest.corpus.documents.length} document(s) into ${manifest.chunkCount} chunks with ${manifest.embedder.id} ` +
      `(${manifest.embedder.dimensions} dimensions) in ${seconds}s → ${values.index}/ (index ${manifest.indexHash.slice(0, 12)})\n`,
  );
});
