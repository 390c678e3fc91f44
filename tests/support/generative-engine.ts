import { DEFAULT_CHUNKER_SETTINGS } from "../../src/core/chunking/chunk.js";
import { GenerativeAnswerer, type GenerativeAnswererSettings } from "../../src/core/answering/generative/generative-answerer.js";
import { buildInMemoryEngine } from "../../src/core/pipeline/in-memory-engine.js";
import type { QaEngine } from "../../src/core/pipeline/qa-engine.js";
import type { ChatModel } from "../../src/core/ports/chat-model.js";
import type { QuestionRewriter } from "../../src/core/understanding/rewrite/model-question-rewriter.js";
import type { SourceDocument } from "../../src/core/chunking/source-document.js";
import type { QuestionLexicon } from "../../src/core/lexicon/question-lexicon.js";
import { committedLexicon } from "./committed-lexicon.js";
import { reportDocument } from "./corpus.js";

/** The report's engine with the generative answerer over `model` (the extractive answerer as its fallback), and a question rewriter when given. */
export function generativeEngine(model: ChatModel, settings?: Partial<GenerativeAnswererSettings>, rewriter?: QuestionRewriter): Promise<QaEngine> {
  return generativeEngineOver([reportDocument], committedLexicon(), model, settings, rewriter);
}

/** The same over any documents (tests/support/multi-document-engine.ts gives two districts), wired as src/adapters/generative-answerer-factory.ts wires it. */
export function generativeEngineOver(
  documents: readonly SourceDocument[],
  lexicon: QuestionLexicon,
  model: ChatModel,
  settings?: Partial<GenerativeAnswererSettings>,
  rewriter?: QuestionRewriter,
): Promise<QaEngine> {
  return buildInMemoryEngine([...documents], DEFAULT_CHUNKER_SETTINGS, {
    lexicon,
    ...(rewriter ? { rewriter } : {}),
    answerer: (context) =>
      new GenerativeAnswerer({ model, fallback: context.extractive(), verifier: context.verifier, documents: context.documents, ...(settings ? { settings } : {}) }),
  });
}
