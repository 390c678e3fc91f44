import { IndexCorruptError, QaError } from "../../core/errors.js";
import type { IndexFileRole, IndexManifest } from "../../core/index/manifest.js";
import { parseChunks } from "../../core/index/stored-chunks.js";
import { verifyIndexFiles, type IndexFiles } from "../../core/index/verify-index-files.js";
import { queryCurrentVersionRows, type RowQueryable } from "../postgres/index-file-rows.js";
import { DEFAULT_SCHEMA } from "../postgres/pgvector-schema.js";
import { verifyVersionRows, withRewrite } from "../postgres/verify-version-rows.js";
import { HYPERDRIVE_WHERE } from "./hyperdrive-client.js";

const INGEST = "DATABASE_URL=<the database's own URL> npm run ingest -- --target postgres";
const REWRITE = `Rewrite it with: ${INGEST}`;
const PUBLISH = `Publish one with: ${INGEST}`;

/**
 * The Worker only reads: it never creates the schema (ingest does), so a database no ingest has
 * written to lacks our tables (42P01) or schema (3F000) — which means no version is published.
 */
function noTablesAsNoVersion(error: unknown): undefined {
  const code = (error as { code?: unknown }).code;
  if (code === "42P01" || code === "3F000") return undefined;
  throw error;
}

/** The database's served version, every file verified, the vectors included (the Worker searches them in memory). */
export interface HyperdriveIndex {
  readonly manifest: IndexManifest;
  readonly files: IndexFiles;
  readonly builtAt: Date;
}

/**
 * Reads the manifest and files of `current_version` with the statement a Node server uses
 * (queryCurrentVersionRows), then this version's vectors, and verifies all of them against the
 * manifest before anything parses them, as for index/: each file's size and SHA-256, the
 * vectors reassembled in chunk order into the exact bytes of the vectors file ingest wrote
 * (so they are checked against its checksum too), and the index hash.
 */
export async function readHyperdriveIndex(client: RowQueryable, schema = DEFAULT_SCHEMA): Promise<HyperdriveIndex> {
  const rows = await queryCurrentVersionRows(client, schema).catch(noTablesAsNoVersion);
  if (!rows) throw new QaError("index_missing", `The database behind ${HYPERDRIVE_WHERE} serves no index yet. ${PUBLISH}`);
  // Verified as a Node server verifies it: the stored files first, so the chunk ids that order the vectors come from a checked chunks file.
  const { manifest, files: stored, builtAt, where, label } = await verifyVersionRows(rows, { schema, place: `behind ${HYPERDRIVE_WHERE}`, rewrite: REWRITE });
  let chunkIds: string[];
  try {
    chunkIds = parseChunks(new TextDecoder().decode(stored.chunks)).map((chunk) => chunk.id);
  } catch {
    throw new IndexCorruptError(`The chunks of ${label} cannot be read. ${REWRITE}`);
  }
  const vectors = await readVersionVectors(client, schema, rows.version, chunkIds, manifest.embedder.dimensions, label);
  const files: IndexFiles = { ...stored, vectors };
  // Only the vectors are left to check (and the index hash again): every other role passed above.
  const others = Object.keys(manifest.files).filter((role) => role !== "vectors") as IndexFileRole[];
  await withRewrite(verifyIndexFiles(manifest, files, where, others), REWRITE);
  return { manifest, files, builtAt };
}

/**
 * The name of the version the database serves now, undefined before the first publish: what the
 * Worker compares with its own at most every DATABASE_POLL_MS. clock_timestamp() is volatile, so
 * Hyperdrive's query cache never answers this statement from an earlier result.
 */
export async function readPublishedVersion(client: RowQueryable, schema = DEFAULT_SCHEMA): Promise<string | undefined> {
  const result = await client
    .query<{ version: string }>(`SELECT v.version, clock_timestamp() AS asked_at FROM ${schema}.current_version c JOIN ${schema}.vector_versions v USING (version_key)`, [])
    .catch(noTablesAsNoVersion);
  return result?.rows[0]?.version;
}

/**
 * One version's vectors in chunk order, as the little-endian float32 bytes of the vectors file.
 * pgvector stores float4 and prints each with the shortest text that reads back as the same
 * float, so the bytes are those ingest wrote when nothing was changed.
 */
async function readVersionVectors(client: RowQueryable, schema: string, version: string, chunkIds: readonly string[], dimensions: number, label: string): Promise<Uint8Array> {
  const result = await client.query<{ chunk_id: string; embedding: string }>(
    `SELECT chunk_id, embedding::text AS embedding FROM ${schema}.vectors
     WHERE version_key = (SELECT version_key FROM ${schema}.vector_versions WHERE version = $1)`,
    [version],
  );
  if (result.rows.length !== chunkIds.length) {
    throw new IndexCorruptError(`The database holds ${result.rows.length} vectors for the ${chunkIds.length} chunks of ${label}. ${REWRITE}`);
  }
  const rowOf = new Map(chunkIds.map((id, row) => [id, row]));
  const bytes = new Uint8Array(chunkIds.length * dimensions * 4);
  // The file's layout (little-endian float32), written explicitly so no host byte order matters.
  const view = new DataView(bytes.buffer);
  for (const { chunk_id: chunkId, embedding } of result.rows) {
    const row = rowOf.get(chunkId);
    const numbers = embedding.slice(1, -1).split(",");
    if (row === undefined || numbers.length !== dimensions) throw new IndexCorruptError(`The vector of chunk "${chunkId}" in ${label} does not belong to its chunks. ${REWRITE}`);
    for (let column = 0; column < dimensions; column++) view.setFloat32((row * dimensions + column) * 4, Number(numbers[column]), true);
  }
  return bytes;
}
