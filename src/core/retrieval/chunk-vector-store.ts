import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { Document, type DocumentInterface } from "@langchain/core/documents";
import { VectorStore } from "@langchain/core/vectorstores";
import type { Chunk } from "../chunking/chunk.js";
import { QaError } from "../errors.js";
import type { VectorIndex } from "../ports/vector-index.js";
import { indexedText } from "./indexed-text.js";

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
 * LangChain's VectorStore over our chunks and any VectorIndex (exact or HNSW), so the
 * product's vector leg is usable wherever LangChain expects a store.
 */
export class ChunkVectorStore extends VectorStore {
  declare FilterType: (document: DocumentInterface) => boolean;
  readonly index: VectorIndex;
  private readonly documents: Document<ChunkMetadata>[] = [];

  constructor(embeddings: EmbeddingsInterface, index: VectorIndex) {
    super(embeddings, {});
    this.index = index;
  }

  // Called by LangChain's constructor, before our fields exist: a constant, not the index kind.
  _vectorstoreType(): string {
    return "jiangjin-chunks";
  }

  get size(): number {
    return this.documents.length;
  }

  /** Registers documents whose vectors the index already holds (an index loaded from disk). */
  attachDocuments(documents: readonly Document<ChunkMetadata>[]): void {
    if (documents.length !== this.index.size) {
      throw new QaError("index_corrupt", `The index holds ${this.index.size} vectors for ${documents.length} chunks.`);
    }
    this.documents.push(...documents);
  }

  async addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<string[]> {
    if (vectors.length !== documents.length) {
      throw new QaError("invalid_parameter", `${vectors.length} vectors were given for ${documents.length} documents.`);
    }
    this.index.add(vectors);
    const ids = documents.map((document) => {
      const position = this.documents.length;
      const metadata = document.metadata as Partial<ChunkMetadata>;
      const id = metadata.chunkId ?? document.id ?? `document-${position}`;
      this.documents.push(new Document<ChunkMetadata>({
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
    return ids;
  }

  /** Embeds what the index sees for each chunk (section path + text), then adds it. */
  async addDocuments(documents: DocumentInterface[]): Promise<string[]> {
    const texts = documents.map((document) => {
      const metadata = document.metadata as Partial<ChunkMetadata>;
      return metadata.sectionPath ? indexedText(chunkFromDocument(document, "")) : document.pageContent;
    });
    return this.addVectors(await this.embeddings.embedDocuments(texts), documents);
  }

  async similaritySearchVectorWithScore(query: number[], k: number, filter?: this["FilterType"]): Promise<[Document<ChunkMetadata>, number][]> {
    // A filter needs more candidates than k; the exact index returns them all anyway.
    const candidates = this.index.search(query, filter ? this.index.size : k);
    const results: [Document<ChunkMetadata>, number][] = [];
    for (const match of candidates) {
      const document = this.documents[match.position];
      if (!document || (filter && !filter(document))) continue;
      results.push([document, match.similarity]);
      if (results.length >= k) break;
    }
    return results;
  }
}
