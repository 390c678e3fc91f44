import { IndexCorruptError, QaError } from "../../core/errors.js";
import { rolesKeptOutsideFiles, type IndexStorage } from "../../core/index/index-storage.js";
import { parseIndexManifest, type IndexFileEntry, type IndexFileRole, type IndexManifest } from "../../core/index/manifest.js";
import { verifyIndexFiles, type IndexFiles } from "../../core/index/verify-index-files.js";
import type { CurrentVersionRows } from "./index-file-rows.js";

/** The served version as read from the database, its manifest parsed and every stored file verified. */
export interface VerifiedVersion {
  readonly manifest: IndexManifest & { readonly storage: IndexStorage };
  readonly files: IndexFiles;
  readonly builtAt: Date;
  /** Names a file of this version for messages ("chunks" of index version … in host:port/db). */
  readonly where: (entry: IndexFileEntry) => string;
  /** "index version <12 hex> in <where>", for messages. */
  readonly label: string;
}

/**
 * The checks a server makes of the database's current version before anything parses it, the
 * same in Node (read-database-index.ts) and in the Worker (read-hyperdrive-index.ts): the
 * manifest is JSON of this format, names this version and describes it as kept in this schema
 * (a manifest written before manifests named their storage is this version's), and each stored
 * file has the manifest's size and SHA-256. A failure says how to rewrite the database's copy.
 */
export async function verifyVersionRows(rows: CurrentVersionRows, options: { readonly schema: string; readonly place: string; readonly rewrite: string }): Promise<VerifiedVersion> {
  const label = `index version ${rows.version.slice(0, 12)} ${options.place}`;
  if (rows.manifest === undefined || rows.builtAt === undefined) {
    throw new QaError("index_missing", `The database's ${label} holds vectors only (written before the database held whole indexes). ${options.rewrite}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(rows.manifest);
  } catch {
    throw new IndexCorruptError(`The manifest of ${label} is not valid JSON. ${options.rewrite}`);
  }
  const manifest = parseIndexManifest(json, `The manifest of ${label}`);
  if (manifest.indexHash !== rows.version) throw new IndexCorruptError(`The manifest of ${label} names index ${manifest.indexHash.slice(0, 12)}. ${options.rewrite}`);
  const storage = manifest.storage ?? { backend: "postgres", schema: options.schema, version: rows.version };
  if (storage.backend !== "postgres" || storage.version !== rows.version || storage.schema !== options.schema) {
    const said = storage.backend === "postgres" ? `version ${storage.version.slice(0, 12)} of schema ${storage.schema}` : storage.backend;
    throw new IndexCorruptError(`The manifest of ${label} describes its index as stored in ${said}. ${options.rewrite}`);
  }
  const roleOf = new Map(Object.entries(manifest.files).map(([role, entry]) => [entry, role as IndexFileRole]));
  const where = (entry: IndexFileEntry): string => `"${roleOf.get(entry) ?? entry.path}" of ${label}`;
  await withRewrite(verifyIndexFiles(manifest, rows.files, where, rolesKeptOutsideFiles(storage.backend)), options.rewrite);
  return { manifest: { ...manifest, storage }, files: rows.files, builtAt: rows.builtAt, where, label };
}

/** The same checks as for index/, with the command that rewrites the database's copy instead. */
export async function withRewrite(check: Promise<void>, rewrite: string): Promise<void> {
  try {
    await check;
  } catch (error) {
    if (error instanceof IndexCorruptError) throw new IndexCorruptError(error.message.replace(/Rebuild the index with: npm run ingest$/u, rewrite), { cause: error });
    throw error;
  }
}
