import { describe, expect, it } from "vitest";
import { DEFAULT_CHUNKER_SETTINGS } from "../../../src/core/chunking/chunk.js";
import { ask } from "../../../src/core/pipeline/ask.js";
import { buildInMemoryEngine } from "../../../src/core/pipeline/in-memory-engine.js";
import { mergeRankings } from "../../../src/core/pipeline/rewritten-retrieval.js";
import { ChatModelError } from "../../../src/core/ports/chat-model.js";
import type { RetrievedPassage } from "../../../src/core/retrieval/retrieved-passage.js";
import { askResponseSchema, type AskResponse } from "../../../src/core/schemas/ask-response.js";
import { ModelQuestionRewriter } from "../../../src/core/understanding/rewrite/model-question-rewriter.js";
import { committedLexicon } from "../../support/committed-lexicon.js";
import { reportDocument, reportText } from "../../support/corpus.js";
import { ScriptedChatModel, type ScriptStep } from "../../support/scripted-chat-model.js";

// Questions the offline reading cannot answer (pinyin; a roundabout way of asking for the
// forest cover), and the rewrite a model would give: the report says "森林覆盖率达52%".
const PINYIN = "senlin fugailv shi duoshao?";
const ROUNDABOUT = "山上的绿色盖住了多大一片？";
const REWRITE = "江津的森林覆盖率是多少？";

async function askWith(question: string, steps: readonly ScriptStep[] | undefined): Promise<AskResponse> {
  const engine = await buildInMemoryEngine([reportDocument], DEFAULT_CHUNKER_SETTINGS, {
    lexicon: committedLexicon(),
    ...(steps ? { rewriter: new ModelQuestionRewriter(new ScriptedChatModel(steps)) } : {}),
  });
  return askResponseSchema.parse(await ask(engine, { question }));
}

describe("a model's rewrite of the question", () => {
  it("answers what the question's own words could not, from exact report spans, and says it read the rewrite", async () => {
    for (const question of [PINYIN, ROUNDABOUT]) {
      expect((await askWith(question, undefined)).abstained).toBe(true);
      const response = await askWith(question, [{ reply: REWRITE }]);
      expect(response, question).toMatchObject({ abstained: false });
      expect(response.answer).toContain("52%");
      expect(response.rewrite).toMatchObject({ status: "rewritten", text: REWRITE, answered: true });
      for (const citation of response.citations) expect(reportText.slice(citation.quoteStart, citation.quoteEnd)).toBe(citation.quote);
    }
  });

  it("is not read by the answerer when it adds a year the user never named", async () => {
    const response = await askWith(ROUNDABOUT, [{ reply: "2026年江津的森林覆盖率是多少？" }]);
    expect(response.abstained).toBe(true);
    expect(response.rewrite).toMatchObject({ status: "rewritten" });
    expect(response.rewrite?.answered).toBeUndefined();
  });

  it("does not overturn a refusal on positive evidence (another place)", async () => {
    const offline = await askWith("永川区的森林覆盖率是多少？", undefined);
    expect(offline.abstentionReason).toBe("other-place");
    const response = await askWith("永川区的森林覆盖率是多少？", [{ reply: REWRITE }]);
    expect(response.abstentionReason).toBe("other-place");
  });

  it("leaves the answer as the offline one when the model fails, and says so", async () => {
    const offline = await askWith(ROUNDABOUT, undefined);
    const response = await askWith(ROUNDABOUT, [{ fail: new ChatModelError("http-error", "boom", 500) }]);
    expect(response.rewrite).toMatchObject({ status: "fallback", reason: "model-error" });
    expect(response.answer).toBe(offline.answer);
    expect(response.passages.map((passage) => passage.chunkId)).toEqual(offline.passages.map((passage) => passage.chunkId));
  });

  it("keeps a direct answer of the question's own words, whatever the rewrite says", async () => {
    const offline = await askWith("江津的森林覆盖率是多少?", undefined);
    const response = await askWith("江津的森林覆盖率是多少?", [{ reply: "江津区地区生产总值是多少？" }]);
    expect(response.answer).toBe(offline.answer);
    expect(response.rewrite?.answered).toBeUndefined();
  });
});

describe("merging the two rankings", () => {
  const passage = (position: number, score: number): RetrievedPassage => ({ position, score, lexicalScore: 0, vectorSimilarity: 0, chunk: { id: `c${position}` } as RetrievedPassage["chunk"] });

  it("ranks each passage by its best share of either search's top score, the question's own first on ties", () => {
    const merged = mergeRankings([passage(1, 2), passage(2, 1)], [passage(3, 10), passage(2, 9), passage(4, 1)], 3);
    expect(merged.map((item) => [item.position, item.score])).toEqual([[1, 1], [3, 1], [2, 0.9]]);
  });
});
