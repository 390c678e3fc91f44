import { QaError } from "../../core/errors.js";
import type { IndexManifest } from "../../core/index/manifest.js";
import type { IndexFiles } from "../../core/index/verify-index-files.js";
import { readCurrentVersionRows } from "./index-file-rows.js";
import { sharedPgvectorStore } from "./open-pgvector-index.js";
import { verifyVersionRows } from "./verify-version-rows.js";

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
  const { manifest, files, builtAt } = await verifyVersionRows(rows, { schema: store.schema, place: `in ${store.where}`, rewrite: REWRITE });
  return { manifest, files, builtAt, where: store.where };
}
