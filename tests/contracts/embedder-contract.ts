import { beforeAll, describe, expect, it } from "vitest";
import type { Embedder } from "../../src/core/ports/embedder.js";

export interface EmbedderContractOptions {
  /** The embedder understands topics: a passage about the asked thing is nearer than an unrelated one. */
  readonly semantic?: boolean;
  /** Queries get an instruction prefix (BGE style), so a query and a document of the same text differ. */
  readonly queryInstruction?: boolean;
}

const TEXTS = [
  "到2026年,地区生产总值达1800亿元左右,年均增长6%以上",
  "森林覆盖率达52%,空气优良天数稳定达300天以上。",
  "纵深推进全面从严治党",
  "GDP和5G网络",
  "江",
];
const FOREST_QUESTION = "森林覆盖率是多少";
const FOREST_PASSAGE = "深入推进“五大环保行动”,森林覆盖率达52%,空气优良天数稳定达300天以上。";
const UNRELATED_PASSAGE = "深化“放管服”改革,持续优化营商环境,推进国资国企改革。";
/** Batched inference may differ from single runs in the last float bits, never more. */
const SAME_VECTOR_TOLERANCE = 1e-5;

function norm(vector: readonly number[]): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

function cosine(left: readonly number[], right: readonly number[]): number {
  return left.reduce((sum, value, index) => sum + value * (right[index] ?? Number.NaN), 0) / (norm(left) * norm(right));
}

function largestDifference(left: readonly number[], right: readonly number[] | undefined): number {
  if (!right || right.length !== left.length) return Number.POSITIVE_INFINITY;
  return Math.max(0, ...left.map((value, index) => Math.abs(value - right[index]!)));
}

/**
 * What every Embedder must do for the index and the answerer to work: vectors of one
 * fixed length, finite and unit length (the vector index compares them by dot product),
 * the same text always giving the same vector, and an id that identifies it in the manifest.
 */
export function testEmbedder(name: string, create: () => Promise<Embedder>, options: EmbedderContractOptions = {}): void {
  describe(`${name} (embedder contract)`, () => {
    let embedder: Embedder;
    beforeAll(async () => {
      embedder = await create();
    });

    it("has a non-empty id that stays the same while embedding and across instances", async () => {
      const id = embedder.id;
      expect(id.trim()).not.toBe("");
      await embedder.embedQuery(TEXTS[0]!);
      expect(embedder.id).toBe(id);
      expect((await create()).id).toBe(id);
    });

    it("returns vectors of the length it reports as its dimensions once it has embedded text", async () => {
      const query = await embedder.embedQuery(TEXTS[1]!);
      expect(query.length).toBeGreaterThan(0);
      expect(embedder.dimensions).toBe(query.length);
      const documents = await embedder.embedDocuments(TEXTS);
      expect(documents).toHaveLength(TEXTS.length);
      for (const vector of documents) expect(vector).toHaveLength(query.length);
    });

    it("returns finite vectors of unit length for text", async () => {
      const vectors = [...(await embedder.embedDocuments(TEXTS)), await embedder.embedQuery(FOREST_QUESTION)];
      for (const vector of vectors) {
        expect(vector.every(Number.isFinite)).toBe(true);
        expect(norm(vector)).toBeCloseTo(1, 5);
      }
    });

    it("returns a finite vector of length 0 or 1 for empty text, never NaN", async () => {
      const vector = await embedder.embedQuery("");
      expect(vector).toHaveLength(embedder.dimensions ?? -1);
      expect(vector.every(Number.isFinite)).toBe(true);
      const length = norm(vector);
      expect(Math.abs(length) < 1e-6 || Math.abs(length - 1) < 1e-5).toBe(true);
    });

    it("embeds an empty list of documents as an empty list", async () => {
      expect(await embedder.embedDocuments([])).toEqual([]);
    });

    it("gives the same vector for the same text, again and from a new instance", async () => {
      const again = await create();
      for (const text of TEXTS) {
        const first = await embedder.embedQuery(text);
        expect(largestDifference(first, await embedder.embedQuery(text))).toBeLessThan(SAME_VECTOR_TOLERANCE);
        expect(largestDifference(first, await again.embedQuery(text))).toBeLessThan(SAME_VECTOR_TOLERANCE);
      }
    });

    it("gives different vectors for different texts", async () => {
      const [first, second] = await embedder.embedDocuments([TEXTS[0]!, TEXTS[2]!]);
      expect(cosine(first ?? [], second ?? [])).toBeLessThan(0.999);
    });

    it("embeds a batch of documents exactly as it embeds each document alone", async () => {
      const batched = await embedder.embedDocuments(TEXTS);
      for (const [index, text] of TEXTS.entries()) {
        const [alone] = await embedder.embedDocuments([text]);
        expect(largestDifference(batched[index]!, alone)).toBeLessThan(SAME_VECTOR_TOLERANCE);
      }
    });

    if (options.queryInstruction) {
      it("embeds a query differently from the same text as a document (it prepends an instruction)", async () => {
        const [document] = await embedder.embedDocuments([FOREST_QUESTION]);
        expect(largestDifference(await embedder.embedQuery(FOREST_QUESTION), document)).toBeGreaterThan(1e-3);
      });
    } else {
      it("embeds a query exactly as it embeds the same text as a document", async () => {
        const documents = await embedder.embedDocuments(TEXTS);
        for (const [index, text] of TEXTS.entries()) {
          expect(largestDifference(await embedder.embedQuery(text), documents[index])).toBeLessThan(SAME_VECTOR_TOLERANCE);
        }
      });
    }

    if (options.semantic) {
      it("places a passage about 森林覆盖率 nearer the question “森林覆盖率是多少” than an unrelated passage", async () => {
        const question = await embedder.embedQuery(FOREST_QUESTION);
        const [about, unrelated] = await embedder.embedDocuments([FOREST_PASSAGE, UNRELATED_PASSAGE]);
        expect(cosine(question, about ?? [])).toBeGreaterThan(cosine(question, unrelated ?? []) + 0.05);
      });
    }
  });
}
