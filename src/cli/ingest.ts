import * as path from "node:path";
import { DEFAULT_CHUNKER_SETTINGS } from "../core/chunking/chunk.js";
import { QaError } from "../core/errors.js";
import { readConfiguration } from "../adapters/node/configuration.js";
import { ingestCorpus } from "../adapters/node/ingest.js";
import { parseArguments } from "./arguments.js";
import { createProgressBar } from "./progress-bar.js";
import { runCommand } from "./run-command.js";

const USAGE = `Usage: npm run ingest -- [--embedder hashing|transformers:<model-id>] [--corpus DIR] [--index DIR] [--chunk-size N] [--overlap N] [--target files|postgres]`;

runCommand(async () => {
  const { values } = parseArguments(
    process.argv.slice(2),
    {
      embedder: { type: "string", default: process.env.EMBEDDER ?? "hashing" },
      corpus: { type: "string", default: process.env.CORPUS_DIR ?? "corpus" },
      index: { type: "string", default: process.env.INDEX_DIR ?? "index" },
      "chunk-size": { type: "string", default: String(DEFAULT_CHUNKER_SETTINGS.maxCharacters) },
      overlap: { type: "string", default: String(DEFAULT_CHUNKER_SETTINGS.overlapSentences) },
      target: { type: "string", default: "files" },
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
  if (values.target !== "files" && values.target !== "postgres") throw new QaError("invalid_parameter", "--target must be files or postgres.");
  // Checked before the corpus is read, so a missing or malformed DATABASE_URL costs nothing.
  const databaseUrl = values.target === "postgres" ? readConfiguration(process.env).databaseUrl : undefined;
  if (values.target === "postgres" && !databaseUrl) throw new QaError("invalid_parameter", "--target postgres needs DATABASE_URL=postgres://user:password@host:5432/database.");
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
  if (databaseUrl) {
    // The index also goes to PostgreSQL — vectors, manifest and the files a server loads — as a
    // new version swapped in when complete: servers with DATABASE_URL then need no index/.
    const { publishStoredIndex } = await import("../adapters/postgres/publish-stored-index.js");
    const { closeSharedPgvectorStores } = await import("../adapters/postgres/open-pgvector-index.js");
    try {
      const published = await publishStoredIndex(databaseUrl, path.resolve(values.index), createProgressBar("Writing vectors to PostgreSQL"));
      process.stderr.write(
        `${published.reused ? "PostgreSQL already held" : "Wrote"} ${published.count} vectors as version ${published.version.slice(0, 12)}, now served with its manifest and index files` +
          `${published.pruned.length > 0 ? ` (dropped ${published.pruned.length} older version(s))` : ""}\n`,
      );
    } finally {
      await closeSharedPgvectorStores();
    }
  }
});
