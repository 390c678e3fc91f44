import { DEFAULT_CHUNKER_SETTINGS } from "../../src/core/chunking/chunk.js";
import { GenerativeAnswerer, type GenerativeAnswererSettings } from "../../src/core/answering/generative/generative-answerer.js";
import { buildInMemoryEngine } from "../../src/core/pipeline/in-memory-engine.js";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import type { ChatModel } from "../../src/core/ports/chat-model.js";
import type { QuestionRewriter } from "../../src/core/understanding/rewrite/model-question-rewriter.js";
import { committedLexicon } from "./committed-lexicon.js";
import { reportDocument } from "./corpus.js";

/** The report's engine with the generative answerer over `model` (the extractive answerer as its fallback), and a question rewriter when given. */
export function generativeEngine(model: ChatModel, settings?: Partial<GenerativeAnswererSettings>, rewriter?: QuestionRewriter): Promise<QaEngine> {
  return buildInMemoryEngine([reportDocument], DEFAULT_CHUNKER_SETTINGS, {
    lexicon: committedLexicon(),
    ...(rewriter ? { rewriter } : {}),
    answerer: (context) => new GenerativeAnswerer({ model, fallback: context.extractive(), verifier: context.verifier, ...(settings ? { settings } : {}) }),
  });
}
