import type { PgvectorStore } from "./pgvector-store.js";

/**
 * The table of the tsvector lexical leg, beside the store's tables in its schema:
 *   lexical_tokens  (version_key, chunk_id, position, tokens): one row per chunk per version,
 *                   `tokens` our own tokens of the chunk's indexed text as a tsvector (see
 *                   tsvector-literals.ts), `position` the chunk's place in the index (ties in a
 *                   ranking are broken by it, as BM25 breaks them).
 * Rows belong to a version of vector_versions and go with it (ON DELETE CASCADE), so discard
 * and prune need no change. One GIN index over all versions: the version is a second filter
 * on the few rows a query's lexemes find.
 */
function tableStatements(schema: string): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${schema}.lexical_tokens (
       version_key integer NOT NULL REFERENCES ${schema}.vector_versions ON DELETE CASCADE,
       chunk_id text NOT NULL,
       position integer NOT NULL CHECK (position >= 0),
       tokens tsvector NOT NULL,
       PRIMARY KEY (version_key, chunk_id)
     )`,
    `CREATE INDEX IF NOT EXISTS lexical_tokens_gin ON ${schema}.lexical_tokens USING gin (tokens)`,
  ];
}

/**
 * Creates the table if needed, in the store's schema (which the store has created). Under a
 * transaction-scoped advisory lock, as the store's own schema is: CREATE … IF NOT EXISTS is
 * not atomic, and two processes may start together.
 */
export async function ensureLexicalTokensTable(store: PgvectorStore): Promise<void> {
  await store.inTransaction(async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`jiangjin_qa lexical tokens ${store.schema}`]);
    for (const statement of tableStatements(store.schema)) await client.query(statement);
  });
}
