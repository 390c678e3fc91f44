import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbedderUnavailableError, QaError } from "../../../src/core/errors.js";
import {
  TransformersEmbedder,
  createTransformersEmbedderFromEnvironment,
  parseTransformersSpec,
} from "../../../src/adapters/node/transformers-embedder.js";
import { createTinyBertModel } from "../../fixtures/tiny-bert-model.js";
import { testEmbedder } from "../../contracts/embedder-contract.js";
import { blockTransformersNetwork } from "../../support/offline-transformers.js";
import { captureError } from "../../support/capture-error.js";

const CORPUS_FILE = new URL("../../../corpus/jiangjin-15th-congress-report.txt", import.meta.url);
const BGE_CHINESE_QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

let rootDirectory = "";
let plainModelId = "";
let bgeModelId = "";
let corpusLines: string[] = [];
let network: Awaited<ReturnType<typeof blockTransformersNetwork>>;

beforeAll(async () => {
  const corpus = await readFile(CORPUS_FILE, "utf8");
  corpusLines = corpus.split("\n").map((line) => line.trim()).filter((line) => line.length > 0);
  rootDirectory = await mkdtemp(join(tmpdir(), "jiangjin-tiny-bert-"));
  ({ modelId: plainModelId } = await createTinyBertModel(rootDirectory, { vocabularyText: corpus }));
  ({ modelId: bgeModelId } = await createTinyBertModel(rootDirectory, {
    vocabularyText: corpus + BGE_CHINESE_QUERY_INSTRUCTION,
    hiddenSize: 24,
    modelId: "test/bge-tiny-zh",
  }));

  network = await blockTransformersNetwork();
});

afterAll(async () => {
  network.restore();
  if (rootDirectory) await rm(rootDirectory, { recursive: true, force: true });
});

function plainEmbedder(options: { batchSize?: number } = {}): TransformersEmbedder {
  return new TransformersEmbedder({ modelId: plainModelId, localModelPath: rootDirectory, ...options });
}

function norm(vector: number[]): number {
  return Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
}

function expectClose(actual: number[], expected: number[] | undefined, tolerance = 1e-5): void {
  expect(expected).toBeDefined();
  expect(actual).toHaveLength(expected?.length ?? -1);
  const largestDifference = Math.max(...actual.map((value, index) => Math.abs(value - (expected?.[index] ?? NaN))));
  expect(largestDifference).toBeLessThan(tolerance);
}

function expectUnitVectors(vectors: number[][], dimensions: number): void {
  for (const vector of vectors) {
    expect(vector).toHaveLength(dimensions);
    expect(vector.every(Number.isFinite)).toBe(true);
    expect(norm(vector)).toBeCloseTo(1, 5);
  }
}

testEmbedder("TransformersEmbedder with a local tiny BERT model", async () => plainEmbedder());

describe("TransformersEmbedder with a local tiny BERT model", () => {
  it("reports its id, and its dimensions once the model has produced a vector", async () => {
    const embedder = plainEmbedder();
    expect(embedder.id).toBe("transformers:test/tiny-bert-zh");
    expect(embedder.dimensions).toBeUndefined();
    await embedder.embedQuery("江津区的发展目标是什么？");
    expect(embedder.dimensions).toBe(32);
  });

  it("returns finite, L2-normalised vectors of the model's hidden size", async () => {
    const plain = plainEmbedder();
    expectUnitVectors([await plain.embedQuery("地区生产总值")], 32);
    expectUnitVectors(await plain.embedDocuments(corpusLines.slice(0, 5)), 32);

    const bge = new TransformersEmbedder({ modelId: bgeModelId, localModelPath: rootDirectory });
    expectUnitVectors([await bge.embedQuery("地区生产总值")], 24);
    expect(bge.dimensions).toBe(24);
  });

  it("gives the same vector for the same text and different vectors for different texts", async () => {
    const first = plainEmbedder();
    const second = plainEmbedder();
    const text = "全面开启江津社会主义现代化建设新征程";
    expectClose(await second.embedQuery(text), await first.embedQuery(text), 1e-6);

    const [one, other] = await first.embedDocuments(["同城化发展先行区", "全面从严治党"]);
    expect(one).toBeDefined();
    expect(other).toBeDefined();
    const cosine = (one ?? []).reduce((sum, value, index) => sum + value * (other?.[index] ?? 0), 0);
    expect(cosine).toBeLessThan(0.999);
  });

  it("embeds 40 documents in batches of 8 exactly as it embeds each one alone", async () => {
    const embedder = plainEmbedder({ batchSize: 8 });
    const documents = Array.from({ length: 40 }, (_, index) => {
      const line = corpusLines[index % corpusLines.length] ?? "";
      return line.slice(0, 5 + ((index * 7) % 60));
    });
    const batched = await embedder.embedDocuments(documents);
    expect(batched).toHaveLength(40);
    for (const [index, document] of documents.entries()) {
      const [alone] = await embedder.embedDocuments([document]);
      expectClose(batched[index] ?? [], alone);
    }
  });

  it("answers concurrent queries with the same vectors as sequential ones", async () => {
    const embedder = plainEmbedder({ batchSize: 4 });
    const queries = Array.from({ length: 10 }, (_, index) => `${corpusLines[index + 1] ?? ""}`.slice(0, 10 + index * 3));
    const concurrent = await Promise.all(queries.map((query) => embedder.embedQuery(query)));
    for (const [index, query] of queries.entries()) {
      expectClose(concurrent[index] ?? [], await embedder.embedQuery(query));
    }
  });

  it("prepends the BGE Chinese instruction to queries only, and nothing for other models", async () => {
    const text = "乡村振兴有哪些举措？";
    const bge = new TransformersEmbedder({ modelId: bgeModelId, localModelPath: rootDirectory });
    const bgeQuery = await bge.embedQuery(text);
    const [bgeDocument] = await bge.embedDocuments([text]);
    expect(Math.max(...bgeQuery.map((value, index) => Math.abs(value - (bgeDocument?.[index] ?? 0))))).toBeGreaterThan(1e-3);
    const [instructedDocument] = await bge.embedDocuments([BGE_CHINESE_QUERY_INSTRUCTION + text]);
    expectClose(bgeQuery, instructedDocument);

    const plain = plainEmbedder();
    const [plainDocument] = await plain.embedDocuments([text]);
    expectClose(await plain.embedQuery(text), plainDocument);
  });

  it("fails fast with EmbedderUnavailableError naming the model and path when the model is missing", async () => {
    const embedder = new TransformersEmbedder({ modelId: "test/not-installed-zh", localModelPath: rootDirectory });
    const started = Date.now();
    const error: unknown = await embedder.embedQuery("你好").catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(EmbedderUnavailableError);
    const message = (error as EmbedderUnavailableError).message;
    expect((error as EmbedderUnavailableError).code).toBe("embedder_unavailable");
    expect(message).toContain("test/not-installed-zh");
    expect(message).toContain(join(rootDirectory, "test", "not-installed-zh"));
    expect(message).toContain("Remote model downloads are disabled");
    expect(message).toContain("TRANSFORMERS_ALLOW_REMOTE=1");
    expect(network.requests).toEqual([]);
  });

  it("builds an embedder from the TRANSFORMERS_* environment variables", async () => {
    const embedder = createTransformersEmbedderFromEnvironment(`transformers:${plainModelId}`, {
      TRANSFORMERS_MODEL_PATH: rootDirectory,
      TRANSFORMERS_ALLOW_REMOTE: "0",
    });
    expect(embedder?.id).toBe(`transformers:${plainModelId}`);
    expectUnitVectors([(await embedder?.embedQuery("江津")) ?? []], 32);
    expect(createTransformersEmbedderFromEnvironment("hashing:v1:d1024", {})).toBeUndefined();
    expect(network.requests).toEqual([]);
  });
});

describe("parseTransformersSpec", () => {
  it("extracts the model id from transformers: specs", () => {
    expect(parseTransformersSpec("transformers:Xenova/bge-small-zh-v1.5")).toEqual({ modelId: "Xenova/bge-small-zh-v1.5" });
    expect(parseTransformersSpec("transformers: Xenova/bge-small-zh-v1.5 ")).toEqual({ modelId: "Xenova/bge-small-zh-v1.5" });
  });

  it("ignores other embedder specs", () => {
    expect(parseTransformersSpec("hashing:v1:d1024")).toBeUndefined();
    expect(parseTransformersSpec("Xenova/bge-small-zh-v1.5")).toBeUndefined();
  });

  it("rejects a transformers: spec without a model id", () => {
    for (const spec of ["transformers:", "transformers:   "]) {
      const caught = captureError(() => parseTransformersSpec(spec));
      expect(caught).toBeInstanceOf(QaError);
      expect((caught as QaError).code).toBe("invalid_parameter");
    }
  });
});
