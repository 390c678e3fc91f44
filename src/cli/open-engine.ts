import { readConfiguration } from "../adapters/node/configuration.js";
import { loadNodeEngine, type LoadEngineOptions, type LoadedEngine } from "../adapters/node/load-engine.js";

/** The engine as the CLI commands use it: configured from the environment, warnings on stderr. */
export function openEngine(overrides: Partial<LoadEngineOptions> = {}): Promise<LoadedEngine> {
  const configuration = readConfiguration(process.env);
  return loadNodeEngine({
    indexDirectory: configuration.indexDirectory,
    corpusDirectory: configuration.corpusDirectory,
    environment: process.env,
    vectorIndex: configuration.vectorIndex,
    answerer: configuration.answerer,
    ...(configuration.embedder ? { embedder: configuration.embedder } : {}),
    ...(configuration.databaseUrl ? { databaseUrl: configuration.databaseUrl } : {}),
    warn: (message) => process.stderr.write(`warning: ${message}\n`),
    ...overrides,
  });
}
