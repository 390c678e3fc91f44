import { BaseRetriever } from "@langchain/core/retrievers";
import type { DocumentInterface } from "@langchain/core/documents";
import type { Chunk } from "../chunking/chunk.js";
import type { Embedder } from "../ports/embedder.js";
import { normalizeText } from "../text/normalize.js";
import { tokenize } from "../text/tokenize.js";
import type { Bm25Index } from "./bm25-index.js";
import { documentFromChunk, type ChunkMetadata, type ChunkVectorStore } from "./chunk-vector-store.js";
import { DEFAULT_FUSION, fuseScores, type FusionSettings } from "./fusion.js";
import type { RetrievedPassage, RetrieverMode } from "./retrieved-passage.js";

export interface HybridRetrieverOptions {
  readonly chunks: readonly Chunk[];
  readonly embedder: Embedder;
  readonly vectorStore: ChunkVectorStore;
  readonly lexicalIndex: Bm25Index;
  readonly mode?: RetrieverMode;
  readonly fusion?: FusionSettings;
  /** How many passages `invoke` returns (LangChain path); `retrieve` takes k per call. */
  readonly k?: number;
}

/** Restricts a search to some documents of the corpus (the request's `documents`), by source. */
export interface RetrievalFilter {
  readonly sources: ReadonlySet<string>;
}

/** Candidates each leg contributes before fusion: generous, since fusion reorders them. */
const CANDIDATES_PER_LEG = 30;

/**
 * BM25 and vector search fused into one ranking, behind LangChain's BaseRetriever.
 * `mode` switches a leg off for ablations (npm run eval -- --retriever bm25).
 */
export class HybridRetriever extends BaseRetriever<ChunkMetadata & { score: number }> {
  lc_namespace = ["jiangjin_report_qa", "retrievers"];
  readonly mode: RetrieverMode;
  readonly fusion: FusionSettings;
  private readonly options: HybridRetrieverOptions;

  constructor(options: HybridRetrieverOptions) {
    super();
    this.options = options;
    this.mode = options.mode ?? "hybrid";
    this.fusion = options.fusion ?? DEFAULT_FUSION;
  }

  /** A short name for the engine receipt, e.g. "hybrid(weighted 0.5)+hnsw". */
  get description(): string {
    const fusion = this.fusion.method === "rrf" ? `rrf k=${this.fusion.k}` : `weighted ${this.fusion.lexicalWeight}`;
    const legs = this.mode === "hybrid" ? `hybrid(bm25+${this.options.vectorStore.index.kind}, ${fusion})` : this.mode;
    return this.mode === "dense" ? `dense(${this.options.vectorStore.index.kind})` : legs;
  }

  async retrieve(query: string, k: number, filter?: RetrievalFilter): Promise<RetrievedPassage[]> {
    const { chunks, embedder, vectorStore, lexicalIndex } = this.options;
    const lexical = new Map<number, number>();
    const vector = new Map<number, number>();
    // Filtered inside each leg, so the other documents' chunks never take a candidate's place.
    const accept = filter ? (position: number): boolean => filter.sources.has(chunks[position]?.source ?? "") : undefined;
    if (this.mode !== "dense") {
      for (const match of lexicalIndex.search(tokenize(normalizeText(query)), CANDIDATES_PER_LEG, accept)) lexical.set(match.position, match.score);
    }
    if (this.mode !== "bm25") {
      const queryVector = await embedder.embedQuery(query);
      const matches = filter
        ? await vectorStore.similaritySearchInSources(queryVector, CANDIDATES_PER_LEG, filter.sources)
        : await vectorStore.similaritySearchVectorWithScore(queryVector, CANDIDATES_PER_LEG);
      for (const [document, similarity] of matches) {
        vector.set(document.metadata.position, similarity);
      }
    }
    const fused =
      this.mode === "hybrid" ? fuseScores({ lexical, vector }, this.fusion) : this.mode === "bm25" ? lexical : vector;
    return [...fused]
      .sort((left, right) => right[1] - left[1] || left[0] - right[0])
      .slice(0, k)
      .flatMap(([position, score]) => {
        const chunk = chunks[position];
        return chunk
          ? [{ chunk, position, score, lexicalScore: lexical.get(position) ?? 0, vectorSimilarity: vector.get(position) ?? 0 }]
          : [];
      });
  }

  override async _getRelevantDocuments(query: string): Promise<DocumentInterface<ChunkMetadata & { score: number }>[]> {
    const passages = await this.retrieve(query, this.options.k ?? 5);
    return passages.map(({ chunk, position, score }) => {
      const document = documentFromChunk(chunk, position);
      return { ...document, metadata: { ...document.metadata, score } };
    });
  }
}
