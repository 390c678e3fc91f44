import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import { VectorStore } from "@langchain/core/vectorstores";
import type { Chunk } from "../chunking/chunk.js";
import { QaError } from "../errors.js";
import type { VectorIndex } from "../ports/vector-index.js";
import { indexedText } from "./indexed-text.js";

/** How many sets of sources keep their chunk ids (the oldest set is dropped first). */
const SOURCE_SETS_KEPT = 64;

/** Metadata every document from this store carries, so callers can cite it. */
export interface ChunkMetadata {
  readonly chunkId: string;
  readonly position: number;
  readonly source: string;
  readonly sectionPath: readonly string[];
  readonly start: number;
  readonly end: number;
}

export function chunkFromDocument(document: DocumentInterface, title: string): Chunk {
  const metadata = document.metadata as ChunkMetadata;
  return {
    id: metadata.chunkId,
    source: metadata.source,
    title,
    sectionPath: metadata.sectionPath,
    start: metadata.start,
    end: metadata.end,
    text: document.pageContent,
  };
}

export function documentFromChunk(chunk: Chunk, position: number): Document<ChunkMetadata> {
  return new Document<ChunkMetadata>({
    pageContent: chunk.text,
    id: chunk.id,
    metadata: { chunkId: chunk.id, position, source: chunk.source, sectionPath: chunk.sectionPath, start: chunk.start, end: chunk.end },
  });
}

/**
 * LangChain's VectorStore over our chunks and any VectorIndex (exact, HNSW or pgvector), so
 * the product's vector leg is usable wherever LangChain expects a store. The index answers
 * with chunk ids; the documents, held here by id, carry each chunk's position.
 */
export class ChunkVectorStore extends VectorStore {
  declare FilterType: (document: DocumentInterface) => boolean;
  readonly index: VectorIndex;
  private readonly documents = new Map<string, Document<ChunkMetadata>>();
  /** The chunk ids of each set of sources searched recently: built once per set, not per query. */
  private readonly chunkIdsOfSources = new Map<string, ReadonlySet<string>>();

  constructor(embeddings: EmbeddingsInterface, index: VectorIndex) {
    super(embeddings, {});
    this.index = index;
  }

  // Called by LangChain's constructor, before our fields exist: a constant, not the index kind.
  _vectorstoreType(): string {
    return "jiangjin-chunks";
  }

  get size(): number {
    return this.documents.size;
  }

  /** Registers documents whose vectors the index already holds (an index loaded from disk or a database). */
  attachDocuments(documents: readonly Document<ChunkMetadata>[]): void {
    for (const document of documents) this.documents.set(document.metadata.chunkId, document);
    if (this.documents.size !== documents.length) throw new QaError("index_corrupt", "Two chunks of the index have the same id.");
    this.chunkIdsOfSources.clear();
  }

  async addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<string[]> {
    if (vectors.length !== documents.length) {
      throw new QaError("invalid_parameter", `${vectors.length} vectors were given for ${documents.length} documents.`);
    }
    const added = documents.map((document, offset) => {
      const metadata = document.metadata as Partial<ChunkMetadata>;
      const id = metadata.chunkId ?? document.id ?? `document-${this.documents.size + offset}`;
      return { document, metadata, id };
    });
    this.chunkIdsOfSources.clear();
    // The index first: a vector it refuses leaves no document without a vector.
    await this.index.upsert(added.map(({ id }, offset) => ({ id, vector: vectors[offset]! })));
    return added.map(({ document, metadata, id }) => {
      const position = this.documents.get(id)?.metadata.position ?? this.documents.size;
      this.documents.set(id, new Document<ChunkMetadata>({
        pageContent: document.pageContent,
        id,
        metadata: {
          chunkId: id,
          position,
          source: metadata.source ?? "",
          sectionPath: metadata.sectionPath ?? [],
          start: metadata.start ?? 0,
          end: metadata.end ?? document.pageContent.length,
        },
      }));
      return id;
    });
  }

  /** Embeds what the index sees for each chunk (section path + text), then adds it. */
  async addDocuments(documents: DocumentInterface[]): Promise<string[]> {
    const texts = documents.map((document) => {
      const metadata = document.metadata as Partial<ChunkMetadata>;
      return metadata.sectionPath ? indexedText(chunkFromDocument(document, "")) : document.pageContent;
    });
    return this.addVectors(await this.embeddings.embedDocuments(texts), documents);
  }

  /**
   * The nearest chunks of some documents (by source). What the retriever's documents filter
   * uses: the chunk ids of a set of sources are collected once and reused, where LangChain's
   * predicate filter below has to test every chunk on every query.
   */
  async similaritySearchInSources(query: number[], k: number, sources: ReadonlySet<string>): Promise<[Document<ChunkMetadata>, number][]> {
    return this.matchedDocuments(await this.index.search(query, k, { chunkIds: this.chunkIdsIn(sources) }));
  }

  async similaritySearchVectorWithScore(query: number[], k: number, filter?: this["FilterType"]): Promise<[Document<ChunkMetadata>, number][]> {
    // LangChain's filter is a predicate over documents; the index takes the ids it lets through.
    const only = filter ? { chunkIds: new Set([...this.documents.values()].filter(filter).map((document) => document.metadata.chunkId)) } : undefined;
    return this.matchedDocuments(await this.index.search(query, k, only));
  }

  private chunkIdsIn(sources: ReadonlySet<string>): ReadonlySet<string> {
    const key = JSON.stringify([...sources].sort());
    let chunkIds = this.chunkIdsOfSources.get(key);
    if (!chunkIds) {
      chunkIds = new Set([...this.documents.values()].filter((document) => sources.has(document.metadata.source)).map((document) => document.metadata.chunkId));
      // A handful of document sets are asked about again and again; any number of them could be.
      if (this.chunkIdsOfSources.size >= SOURCE_SETS_KEPT) this.chunkIdsOfSources.delete(this.chunkIdsOfSources.keys().next().value!);
      this.chunkIdsOfSources.set(key, chunkIds);
    }
    return chunkIds;
  }

  private matchedDocuments(matches: readonly { chunkId: string; similarity: number }[]): [Document<ChunkMetadata>, number][] {
    return matches.map((match) => {
      const document = this.documents.get(match.chunkId);
      // An index written for other chunks (a database holding another version) would
      // otherwise answer with passages that are not these chunks.
      if (!document) throw new QaError("index_mismatch", `The vector index returned chunk "${match.chunkId}", which the loaded chunks do not hold.`);
      return [document, match.similarity];
    });
  }
}
