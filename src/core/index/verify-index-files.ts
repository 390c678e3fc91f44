import { IndexCorruptError } from "../errors.js";
import { sha256Hex } from "./checksum.js";
import type { IndexFileEntry, IndexFileRole, IndexManifest } from "./manifest.js";

export type IndexFiles = Partial<Record<IndexFileRole, Uint8Array>>;

/** Hash over the files' checksums, in a fixed role order: one value naming this exact index. */
export async function computeIndexHash(files: IndexManifest["files"]): Promise<string> {
  const roles: IndexFileRole[] = ["chunks", "vectors", "hnsw", "embedderState"];
  // Roles added later count only when present, so hashes of indexes built before them still match.
  const later: IndexFileRole[] = ["bm25", "termPostings", "lexicon"];
  return sha256Hex([...roles, ...later.filter((role) => files[role])].map((role) => `${role}:${files[role]?.sha256 ?? "-"}`).join("\n"));
}

/**
 * Checks every file the manifest lists against its size and SHA-256 before anything
 * parses it (a corrupt HNSW graph handed to the native reader can crash the process).
 * `where` names a file for the message, e.g. its path on disk; `notNeeded` lists roles
 * the caller does not use (Workers have no HNSW graph).
 */
export async function verifyIndexFiles(
  manifest: IndexManifest,
  files: IndexFiles,
  where: (entry: IndexFileEntry) => string,
  notNeeded: readonly IndexFileRole[] = [],
): Promise<void> {
  const checks: Promise<void>[] = [];
  for (const [role, entry] of Object.entries(manifest.files) as [IndexFileRole, IndexFileEntry | undefined][]) {
    if (!entry || notNeeded.includes(role)) continue;
    const bytes = files[role];
    if (!bytes) throw new IndexCorruptError(`Index file ${where(entry)} is missing. Rebuild the index with: npm run ingest`);
    if (bytes.byteLength !== entry.bytes) throw corrupt(where(entry));
    // Digests run concurrently (Web Crypto hashes off the main thread, on as many cores as it has).
    checks.push(sha256Hex(bytes).then((sha256) => {
      if (sha256 !== entry.sha256) throw corrupt(where(entry));
    }));
  }
  const outcomes = await Promise.allSettled(checks);
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
  if (failed) throw failed.reason;
  if ((await computeIndexHash(manifest.files)) !== manifest.indexHash) {
    throw new IndexCorruptError("The index manifest's hash does not match its files. Rebuild the index with: npm run ingest");
  }
}

function corrupt(file: string): IndexCorruptError {
  return new IndexCorruptError(`Index file ${file} does not match its checksum (truncated or modified). Rebuild the index with: npm run ingest`);
}
