import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { IndexCorruptError, QaError } from "../../core/errors.js";
import { sha256Hex } from "../../core/index/checksum.js";
import { indexStorageOf } from "../../core/index/index-storage.js";
import { parseIndexManifest, type IndexFileEntry, type IndexFileRole, type IndexManifest } from "../../core/index/manifest.js";
import { verifyIndexFiles, type IndexFiles } from "../../core/index/verify-index-files.js";
import { isProcessRunning } from "./ingest-lock.js";

export const MANIFEST_FILE = "manifest.json";
// Files this store owns: anything else in index/ (a README, .gitkeep) is left alone.
const OWNED_FILE = /^(chunks|vectors|hnsw|embedder|bm25|terms|lexicon)-[0-9a-f]{16}\.(json|f32|bin)$|^\.tmp-/u;

/** Writes via a temporary file and a rename, so a reader sees the old file or the new one, never half of one. */
export async function writeFileAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(file), `.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Stores one index file under a content-addressed name ("chunks-<hash>.json"). Files of a
 * new build never overwrite those of the live one, so until the manifest is swapped a
 * crash leaves the previous index whole.
 */
export async function storeIndexFile(directory: string, role: string, extension: string, data: Uint8Array | string): Promise<IndexFileEntry> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const sha256 = await sha256Hex(bytes);
  const name = `${role}-${sha256.slice(0, 16)}.${extension}`;
  await writeFileAtomically(path.join(directory, name), bytes);
  return { path: name, sha256, bytes: bytes.byteLength };
}

/** Publishes a build: the manifest swap is the commit point; files no manifest names are then removed. */
export async function publishManifest(directory: string, manifest: IndexManifest): Promise<void> {
  await writeFileAtomically(path.join(directory, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  const referenced = new Set(Object.values(manifest.files).map((entry) => entry.path));
  for (const name of await readdir(directory)) {
    if (!OWNED_FILE.test(name) || referenced.has(name)) continue;
    // A temp file is in use only while its writer lives; one left by a killed ingest
    // (kill -9 mid-write) would otherwise stay forever. Ingest holds the lock here.
    if (name.startsWith(".tmp-") && !isOrphanedTemporary(name)) continue;
    await rm(path.join(directory, name), { force: true });
  }
}

function isOrphanedTemporary(name: string): boolean {
  const pid = Number(/^\.tmp-(\d+)-/u.exec(name)?.[1]);
  return Number.isInteger(pid) && pid !== process.pid && !isProcessRunning(pid);
}

export interface StoredIndex {
  readonly manifest: IndexManifest;
  readonly directory: string;
  readonly files: IndexFiles;
  /** Roles the caller does not use: checked for presence and size only, their checksums by `verifyUnusedFiles`. */
  readonly unverified: readonly IndexFileRole[];
  /** When the manifest was last written: the index's build time. */
  readonly builtAt: Date;
}

/**
 * Reads index/ and verifies every file it returns against the manifest before anything
 * parses it (a corrupt HNSW file handed to the native reader can crash the process).
 */
export async function readStoredIndex(
  directory: string,
  /** Roles not read (the caller does not use them), or a choice made from the manifest. */
  skip: readonly IndexFileRole[] | ((manifest: IndexManifest) => readonly IndexFileRole[] | Promise<readonly IndexFileRole[]>) = [],
): Promise<StoredIndex> {
  const { manifest, manifestPath } = await readManifest(directory);
  const storage = indexStorageOf(manifest);
  if (storage.backend !== "files") {
    // A manifest copied out of the database: its vectors are in PostgreSQL, not beside it.
    throw new QaError(
      "index_mismatch",
      `${manifestPath} describes index ${manifest.indexHash.slice(0, 12)} as stored in PostgreSQL (schema ${storage.schema}), not in ${directory}. Serve it with DATABASE_URL, or rebuild the files with: npm run ingest`,
    );
  }
  const notNeeded = typeof skip === "function" ? await skip(manifest) : skip;
  const files: IndexFiles = {};
  // Read concurrently; a missing file is left out here and reported by the verification below.
  // A file this process does not use is only checked for presence and size here (a truncated or
  // missing file still refuses the index): hashing it would cost the start-up of a large index
  // (at 100× the unused vectors file adds ~35 ms to a ~190 ms load; ~10× that at 1000×).
  // `verifyUnusedFiles` checks its checksum once serving.
  await Promise.all(
    (Object.entries(manifest.files) as [IndexFileRole, IndexFileEntry | undefined][]).map(async ([role, entry]) => {
      if (!entry) return;
      const file = path.join(directory, entry.path);
      if (notNeeded.includes(role)) {
        const size = await stat(file).then((found) => found.size, () => undefined);
        if (size === undefined) throw new IndexCorruptError(`Index file ${file} is missing. Rebuild the index with: npm run ingest`);
        if (size !== entry.bytes) throw new IndexCorruptError(`Index file ${file} does not match its checksum (truncated or modified). Rebuild the index with: npm run ingest`);
        return;
      }
      const bytes = await readFile(file).catch(() => undefined);
      if (bytes) files[role] = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }),
  );
  await verifyIndexFiles(manifest, files, (entry) => path.join(directory, entry.path), notNeeded);
  const unverified = notNeeded.filter((role) => manifest.files[role] !== undefined);
  return { manifest, directory, files, unverified, builtAt: (await stat(manifestPath)).mtime };
}

/**
 * Verifies the checksums of the files `readStoredIndex` only sized (IndexCorruptError naming
 * the file otherwise), one file in memory at a time: a damaged HNSW graph behind exact search
 * must show before the day VECTOR_INDEX=hnsw or a bigger corpus starts reading it.
 */
export async function verifyUnusedFiles(stored: StoredIndex): Promise<void> {
  const roles = Object.keys(stored.manifest.files) as IndexFileRole[];
  for (const role of stored.unverified) {
    const entry = stored.manifest.files[role]!;
    const file = path.join(stored.directory, entry.path);
    const bytes = await readFile(file).catch(() => undefined);
    const files: IndexFiles = bytes ? { [role]: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) } : {};
    await verifyIndexFiles(stored.manifest, files, () => file, roles.filter((other) => other !== role));
  }
}

/**
 * The manifest alone, validated (no index file read): enough to decide which files a
 * caller needs (`readStoredIndex`'s `notNeeded`).
 */
export async function readManifest(directory: string): Promise<{ manifest: IndexManifest; manifestPath: string }> {
  const manifestPath = path.join(directory, MANIFEST_FILE);
  let raw: string;
  try {
    raw = await readFile(manifestPath, "utf8");
  } catch {
    throw new QaError("index_missing", `No index found at ${manifestPath}. Build it with: npm run ingest`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new IndexCorruptError(`${manifestPath} is not valid JSON. Rebuild it with: npm run ingest`);
  }
  return { manifest: parseIndexManifest(json, manifestPath), manifestPath };
}

export async function ensureDirectory(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true });
}
