import type pg from "pg";
import { QaError } from "../../core/errors.js";
import type { PgvectorStore } from "./pgvector-store.js";
import { ensureLexicalTokensTable } from "./tsvector-lexical-schema.js";
import { anyTokenQueryText, tsvectorText } from "./tsvector-literals.js";

/**
 * The lexical leg as PostgreSQL full-text search over our own tokens: each chunk's tokens a
 * tsvector (GIN-indexed), a question's tokens an OR tsquery, ranked by ts_rank or ts_rank_cd.
 * Built to measure it against our BM25 (npm run eval:lexical, docs/DECISIONS.md); serving
 * keeps BM25, whose postings are a stored index file.
 *
 * @example
 *   const lexical = await TsvectorLexicalSearch.attach(store);
 *   await lexical.writeVersion("v1", chunks.map((chunk) => ({ chunkId: chunk.id, tokens: tokenize(normalizeText(indexedText(chunk))) })));
 *   const version = await lexical.open("v1");
 *   await version.search(tokenize(normalizeText(question)), 10, { function: "ts_rank_cd", normalization: 0 });
 */

export const TS_RANK_FUNCTIONS = ["ts_rank", "ts_rank_cd"] as const;
export type TsRankFunction = (typeof TS_RANK_FUNCTIONS)[number];

/**
 * A ranking: the function and its normalization bit mask (PostgreSQL's, 0–63): 1 divides by
 * 1 + log(document length), 2 by the length, 4 by the mean harmonic distance between extents
 * (ts_rank_cd only), 8 by the number of unique words, 16 by 1 + log(unique words), 32 maps
 * rank to rank / (rank + 1) (which never changes an order).
 */
export interface TsvectorRanking {
  readonly function: TsRankFunction;
  readonly normalization: number;
}

export interface ChunkTokens {
  readonly chunkId: string;
  /** The chunk's tokens in text order (their places become the lexemes' positions). */
  readonly tokens: readonly string[];
}

export interface LexicalHit {
  readonly chunkId: string;
  readonly score: number;
}

/** Chunks per INSERT: one statement's arrays stay a few hundred kilobytes at 300-character chunks. */
const DEFAULT_BATCH_SIZE = 500;
const MAX_RESULTS = 10_000;

export class TsvectorLexicalSearch {
  private readonly store: PgvectorStore;

  private constructor(store: PgvectorStore) {
    this.store = store;
  }

  /** Over the store's pool and schema; creates the lexical_tokens table if needed. */
  static async attach(store: PgvectorStore): Promise<TsvectorLexicalSearch> {
    await ensureLexicalTokensTable(store);
    return new TsvectorLexicalSearch(store);
  }

  /**
   * Stores the chunks' tokens as the lexical rows of `version` (a version of the store), in one
   * transaction that first removes any rows an earlier attempt left: a version holds all its
   * chunks' tokens or none. The chunks' order is their index position. Returns the rows written.
   */
  async writeVersion(version: string, chunks: readonly ChunkTokens[], options: { readonly batchSize?: number } = {}): Promise<number> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new QaError("invalid_parameter", `The batch size must be a whole number of at least 1, not ${batchSize}.`);
    const seen = new Set<string>();
    for (const chunk of chunks) {
      if (!chunk.chunkId) throw new QaError("invalid_parameter", "Every chunk needs an id to store its tokens under.");
      if (seen.has(chunk.chunkId)) throw new QaError("invalid_parameter", `Chunk id "${chunk.chunkId}" appears twice; each chunk's tokens are stored once per version.`);
      seen.add(chunk.chunkId);
    }
    const { schema } = this.store;
    await this.store.inTransaction(async (client) => {
      const versionKey = await this.versionKey(client, version, true);
      await client.query(`DELETE FROM ${schema}.lexical_tokens WHERE version_key = $1`, [versionKey]);
      for (let start = 0; start < chunks.length; start += batchSize) {
        const batch = chunks.slice(start, start + batchSize);
        await client.query(
          `INSERT INTO ${schema}.lexical_tokens (version_key, chunk_id, position, tokens)
           SELECT $1, chunk_id, position, tokens::tsvector FROM unnest($2::text[], $3::int[], $4::text[]) AS row (chunk_id, position, tokens)`,
          [versionKey, batch.map((chunk) => chunk.chunkId), batch.map((_, offset) => start + offset), batch.map((chunk) => tsvectorText(chunk.tokens))],
        );
      }
      // Fresh statistics, so the planner reads the GIN index with real row counts from the first query.
      await client.query(`ANALYZE ${schema}.lexical_tokens`);
    });
    return chunks.length;
  }

  /** The lexical rows of one version, to search; refuses a version the store does not hold. */
  async open(version: string): Promise<TsvectorVersionSearch> {
    const versionKey = await this.store.withClient((client) => this.versionKey(client, version, false));
    return new TsvectorVersionSearch(this.store, versionKey);
  }

  private async versionKey(client: pg.PoolClient, version: string, lock: boolean): Promise<number> {
    const found = await client.query<{ version_key: number }>(
      `SELECT version_key FROM ${this.store.schema}.vector_versions WHERE version = $1${lock ? " FOR UPDATE" : ""}`,
      [version],
    );
    const versionKey = found.rows[0]?.version_key;
    if (versionKey === undefined) throw new QaError("index_missing", `There is no index version "${version}" in ${this.store.where} to hold lexical tokens.`);
    return versionKey;
  }

}

/** Searches of one version's lexical rows. */
export class TsvectorVersionSearch {
  private readonly store: PgvectorStore;
  readonly versionKey: number;

  constructor(store: PgvectorStore, versionKey: number) {
    this.store = store;
    this.versionKey = versionKey;
  }

  /**
   * The k chunks ranking best for any of the query's tokens, best first, ties by index
   * position; none when no token can be a lexeme. One statement: the GIN index finds the
   * chunks holding a query lexeme, and only those are ranked.
   */
  async search(queryTokens: readonly string[], k: number, ranking: TsvectorRanking): Promise<LexicalHit[]> {
    if (!Number.isInteger(k) || k < 1 || k > MAX_RESULTS) throw new QaError("invalid_parameter", `k must be a whole number from 1 to ${MAX_RESULTS}, not ${k}.`);
    // Interpolated below, so checked against the closed list at run time too.
    if (!TS_RANK_FUNCTIONS.includes(ranking.function)) throw new QaError("invalid_parameter", `The ranking function must be ${TS_RANK_FUNCTIONS.join(" or ")}, not "${String(ranking.function)}".`);
    if (!Number.isInteger(ranking.normalization) || ranking.normalization < 0 || ranking.normalization > 63) {
      throw new QaError("invalid_parameter", `The normalization must be a bit mask from 0 to 63, not ${ranking.normalization}.`);
    }
    const query = anyTokenQueryText(queryTokens);
    if (query === undefined) return [];
    const result = await this.store.withClient((client) =>
      client.query<{ chunk_id: string; score: number }>(
        `SELECT chunk_id, ${ranking.function}(tokens, query, $3::int) AS score
         FROM ${this.store.schema}.lexical_tokens, CAST($2 AS tsquery) AS query
         WHERE version_key = $1 AND tokens @@ query
         ORDER BY score DESC, position
         LIMIT $4`,
        [this.versionKey, query, ranking.normalization, k],
      ),
    );
    return result.rows.map((row) => ({ chunkId: row.chunk_id, score: Number(row.score) }));
  }
}
