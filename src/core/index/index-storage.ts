import { z } from "zod";
import type { IndexFileRole } from "./manifest.js";

/**
 * Where an index's parts are kept, as its manifest says: one variant per backend. Absent in
 * every manifest index/ holds (written before there was a choice, and still the default), so
 * the committed index and its hash do not change.
 *   files     every file in index/ beside the manifest;
 *   postgres  a version in a PostgreSQL schema: the vectors in its vectors table (pgvector
 *             builds the graph there), every other file a row of index_files.
 */
export const indexStorageSchema = z.discriminatedUnion("backend", [
  z.object({ backend: z.literal("files") }),
  z.object({
    backend: z.literal("postgres"),
    /** The Postgres schema holding the version (jiangjin_qa unless configured). */
    schema: z.string(),
    /** The version's name in vector_versions: the index hash, so files and database name the same build. */
    version: z.string(),
  }),
]);
export type IndexStorage = z.infer<typeof indexStorageSchema>;

const FILES: IndexStorage = { backend: "files" };

/** The manifest's storage, files when it names none. */
export function indexStorageOf(manifest: { readonly storage?: IndexStorage | undefined }): IndexStorage {
  return manifest.storage ?? FILES;
}

/**
 * The file roles a backend keeps other than as stored bytes: the database's vectors table is
 * the one copy of the vectors, and pgvector's own graph replaces hnswlib's. Loaders skip them
 * when verifying; the manifest still lists them, as their checksums make up the index hash.
 */
export function rolesKeptOutsideFiles(backend: IndexStorage["backend"]): readonly IndexFileRole[] {
  return backend === "postgres" ? ["vectors", "hnsw"] : [];
}
