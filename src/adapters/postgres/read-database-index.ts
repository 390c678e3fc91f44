import { IndexCorruptError, QaError } from "../../core/errors.js";
import { parseIndexManifest, type IndexFileRole, type IndexManifest } from "../../core/index/manifest.js";
import { verifyIndexFiles, type IndexFiles } from "../../core/index/verify-index-files.js";
import { readCurrentVersionRows, ROLES_NOT_STORED } from "./index-file-rows.js";
import { sharedPgvectorStore } from "./open-pgvector-index.js";

const REWRITE = "Rewrite it with: npm run ingest -- --target postgres";

/** The served index version as the database holds it, every file verified against the manifest. */
export interface DatabaseIndex {
  readonly manifest: IndexManifest;
  readonly files: IndexFiles;
  readonly builtAt: Date;
  /** host:port/database, for messages. */
  readonly where: string;
}

/**
 * Reads the manifest of `current_version` and its stored files from DATABASE_URL and checks
 * every file's size and SHA-256 (and the manifest's index hash) before anything parses it, as
 * readStoredIndex does for index/. What loadNodeEngine reads with DATABASE_URL instead of index/.
 */
export async function readDatabaseIndex(url: string): Promise<DatabaseIndex> {
  const store = await sharedPgvectorStore(url);
  const rows = await readCurrentVersionRows(store);
  if (!rows) throw new QaError("index_missing", `The database at ${store.where} serves no index yet. Write one with: npm run ingest -- --target postgres`);
  const short = rows.version.slice(0, 12);
  const label = `index version ${short} in ${store.where}`;
  if (rows.manifest === undefined || rows.builtAt === undefined) {
    throw new QaError("index_missing", `The database's ${label} holds vectors only (written before the database held whole indexes). ${REWRITE}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(rows.manifest);
  } catch {
    throw new IndexCorruptError(`The manifest of ${label} is not valid JSON. ${REWRITE}`);
  }
  const manifest = parseIndexManifest(json, `The manifest of ${label}`);
  if (manifest.indexHash !== rows.version) throw new IndexCorruptError(`The manifest of ${label} names index ${manifest.indexHash.slice(0, 12)}. ${REWRITE}`);
  const roleOf = new Map(Object.entries(manifest.files).map(([role, entry]) => [entry, role as IndexFileRole]));
  try {
    await verifyIndexFiles(manifest, rows.files, (entry) => `"${roleOf.get(entry) ?? entry.path}" of ${label}`, ROLES_NOT_STORED);
  } catch (error) {
    // The same checks as for index/, with the command that rewrites the database's copy.
    if (error instanceof IndexCorruptError) throw new IndexCorruptError(error.message.replace(/Rebuild the index with: npm run ingest$/u, REWRITE), { cause: error });
    throw error;
  }
  return { manifest, files: rows.files, builtAt: rows.builtAt, where: store.where };
}
