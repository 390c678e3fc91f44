import { z } from "zod";
import { IndexCorruptError } from "../errors.js";
import { HashingEmbedder } from "./hashing-embedder.js";

const hashingStateSchema = z.object({
  kind: z.literal("hashing-ngram"),
  version: z.literal(1),
  dimensions: z.number().int().positive(),
  documentCount: z.number().int().nonnegative(),
  inverseDocumentFrequency: z.array(z.number()),
});

export function isHashingEmbedderId(id: string): boolean {
  return id.startsWith("hashing-ngram:");
}

/** The hashing embedder from its stored state file, checked against the id the manifest records. */
export function hashingEmbedderFromStoredState(bytes: Uint8Array | undefined, expectedId: string): HashingEmbedder {
  if (!bytes) throw new IndexCorruptError("The index lacks the hashing embedder's state file. Rebuild it with: npm run ingest");
  let embedder: HashingEmbedder;
  try {
    embedder = HashingEmbedder.fromState(hashingStateSchema.parse(JSON.parse(new TextDecoder().decode(bytes))));
  } catch {
    throw new IndexCorruptError("The hashing embedder's state file is not valid. Rebuild the index with: npm run ingest");
  }
  if (embedder.id !== expectedId) {
    throw new IndexCorruptError(`Embedder state describes "${embedder.id}", the manifest "${expectedId}". Rebuild the index with: npm run ingest`);
  }
  return embedder;
}
