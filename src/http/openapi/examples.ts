/**
 * Examples in the description, taken from real answers of the service over the report (topK 1,
 * passages shortened). tests/http/openapi-document.test.ts validates each against its schema,
 * so an example that no longer fits the contract fails there.
 */

const SOURCE = "corpus/jiangjin-15th-congress-report.txt";
const TITLE = "高质量建设同城化发展先行区 全面开启江津社会主义现代化建设新征程——中国共产党重庆市江津区第十五次代表大会报告解读";
const GDP_CHUNK = "jiangjin-15th-congress-report:1bd7c335:0";
const GDP_SECTION = ["未来五年建设“五地一城”"];
const GDP_PASSAGE = {
  chunkId: GDP_CHUNK,
  source: SOURCE,
  section: GDP_SECTION,
  text: "未来五年建设“五地一城”\n\n建设“五地一城”,……到2026年,地区生产总值达1800亿元左右,年均增长6%以上,城乡常住居民人均可支配收入分别达6万元、3.3万元以上。",
  start: 2639,
  end: 2787,
  score: 0.6412,
};

export const GDP_QUESTION = "到2026年地区生产总值目标是多少?";

export const askResponseExample = {
  question: GDP_QUESTION,
  answer: "到2026年,地区生产总值达1800亿元左右[1]。",
  abstained: false,
  answerKind: "direct",
  language: "zh",
  support: 0.7946,
  answerMode: "extractive",
  citations: [
    {
      marker: 1,
      chunkId: GDP_CHUNK,
      source: SOURCE,
      title: TITLE,
      section: GDP_SECTION,
      quote: "到2026年,地区生产总值达1800亿元左右",
      quoteStart: 2727,
      quoteEnd: 2749,
      chunkStart: 2639,
      chunkEnd: 2787,
      score: 1.0185,
    },
  ],
  passages: [GDP_PASSAGE],
  engine: { embedder: "hashing-ngram:v1:d512", retriever: "hybrid(bm25+brute-force, weighted 0.5)", answerer: "extractive-v1", indexHash: "in-memory:928dbaea6436" },
  timings: { retrieveMs: 9.14, answerMs: 10.56, totalMs: 19.7 },
};

export const searchResponseExample = { query: "地区生产总值", passages: [GDP_PASSAGE] };

export const verifyResponseExample = {
  claims: [
    {
      text: "到2026年,地区生产总值达1800亿元左右。",
      start: 0,
      end: 23,
      sentence: 0,
      verdict: "supported",
      support: 1,
      reasons: [],
      spans: [{ quote: "到2026年,地区生产总值达1800亿元左右", quoteStart: 2727, quoteEnd: 2749, chunkId: GDP_CHUNK, source: SOURCE, section: GDP_SECTION, containment: 1 }],
      figures: [
        { text: "2026年", value: "2026", unit: "年", start: 1, end: 6 },
        { text: "1800亿元", value: "1800", unit: "元", start: 14, end: 20 },
      ],
    },
  ],
  citations: [],
  summary: { verdict: "supported", claims: 1, supported: 1, partlySupported: 0, contradicted: 0, notFound: 0, citationRecall: null, citationPrecision: null, contextSupport: null },
};

export const healthResponseExample = {
  status: "ok",
  checks: { inFlight: "ok", dataDir: "ok" },
  chunks: 57,
  embedder: "hashing-ngram:v1:d512",
  segmenter: "jieba-wasm",
  retriever: "hybrid(bm25+brute-force, weighted 0.5)",
  vectorIndex: "brute-force",
  storage: "files",
  indexHash: "2c1c2abe7fbb403736a8499743dfbe4e7d1994ce21f1e609496bf97d4335c0d5",
  corpusHash: "928dbaea643650b98e0f9637a0edb018d39892908f7a125d5b7f82ba6d5e9140",
  corpusMatchesIndex: true,
  builtAt: "2026-03-01T08:00:00.000Z",
  inFlight: 0,
  maxInFlight: 256,
};

export const metaResponseExample = {
  title: "江津区第十五次党代会报告解读",
  author: "周杭",
  published: "2021-12-29",
  chunkCount: 57,
  documents: [
    {
      id: "jiangjin-15th-congress-report",
      source: "corpus/jiangjin-15th-congress-report.txt",
      title: TITLE,
      shortTitle: "江津区第十五次党代会报告解读",
      author: "周杭",
      published: "2021-12-29",
      place: "江津区",
    },
  ],
  starters: [{ question: "“综合实力持续增强”有哪些具体内容？", section: ["过去五年", "综合实力持续增强"] }],
};

export const feedbackRequestExample = {
  question: GDP_QUESTION,
  answer: "到2026年,地区生产总值达1800亿元左右[1]。",
  rating: "up",
  engine: askResponseExample.engine,
  citations: [{ marker: 1, chunkId: GDP_CHUNK, quoteStart: 2727, quoteEnd: 2749 }],
};

export const reindexResponseExample = {
  ok: true,
  indexHash: "b".repeat(64),
  previousIndexHash: "a".repeat(64),
  chunks: 57,
  embedder: "hashing-ngram:v1:d512",
  builtAt: "2026-03-01T08:00:00.000Z",
  durationMs: 1840,
};

export const feedbackExportExample = {
  records: [{ question: GDP_QUESTION, answer: "到2026年,地区生产总值达1800亿元左右[1]。", rating: "up", comment: "有出处，很清楚", receivedAt: "2026-01-01T08:00:00.000Z" }],
  skipped: 0,
};
