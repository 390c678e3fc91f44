import { z } from "zod";

const offset = z.number().int().nonnegative();

export const citationSchema = z.object({
  marker: z.number().int().positive(),
  chunkId: z.string(),
  source: z.string(),
  title: z.string(),
  section: z.array(z.string()),
  /** Exact supporting span: sourceText.slice(quoteStart, quoteEnd) === quote. */
  quote: z.string(),
  quoteStart: offset,
  quoteEnd: offset,
  chunkStart: offset,
  chunkEnd: offset,
  score: z.number(),
  /** The document quoted, when the corpus holds several: its id (what `documents` filters take), short title and date. */
  document: z
    .object({
      id: z.string().describe("The document's id: what the `documents` filter takes"),
      shortTitle: z.string().describe("A short name for source lists"),
      published: z.string().optional().describe("Publication date as its meta file gives it"),
    })
    .optional()
    .describe("Present only when the corpus holds more than one document"),
});
export type Citation = z.infer<typeof citationSchema>;

export const passageSchema = z.object({
  chunkId: z.string(),
  source: z.string(),
  section: z.array(z.string()),
  text: z.string(),
  start: offset,
  end: offset,
  score: z.number(),
});
export type Passage = z.infer<typeof passageSchema>;

export const suggestionSchema = z.object({ section: z.array(z.string()), chunkId: z.string() });
export type Suggestion = z.infer<typeof suggestionSchema>;

/** A place a refusal names: a document's subject and the division above it (江津区, 重庆市). */
export const refusalPlaceSchema = z.object({
  place: z.string(),
  placeInEnglish: z.string().optional(),
  parent: z.string().optional(),
  parentInEnglish: z.string().optional(),
});
export type RefusalPlace = z.infer<typeof refusalPlaceSchema>;

export const abstentionReasonSchema = z.enum(["not-covered", "other-year", "other-place", "other-level", "figure-not-given", "person-not-named", "unreadable-language"]);
export type AbstentionReason = z.infer<typeof abstentionReasonSchema>;

/**
 * How the answer relates to the question: `direct` — the quotes answer it; `related` — the
 * question's words do not all match, and the quotes are the report's most relevant content,
 * said as such; `not-in-report` — refused, on positive evidence (abstentionReason says which).
 */
export const answerKindSchema = z.enum(["direct", "related", "not-in-report"]);
export type AnswerKind = z.infer<typeof answerKindSchema>;

/** One sentence a language model wrote, as the verification gate judged it (generative answers only). */
export const generatedSentenceSchema = z.object({
  /** The sentence without markers. */
  text: z.string(),
  /** supported: every claim of it is in the passage it ends up citing; otherwise why it was removed. */
  verdict: z.enum(["supported", "partly-supported", "contradicted", "not-found"]),
  /** kept: supported by the passage it cited; repaired: by another given passage (its marker changed); removed: not shown. */
  action: z.enum(["kept", "repaired", "removed"]),
  /** Its markers in the answer (the citations' numbers); empty when removed. */
  markers: z.array(z.number().int().min(1)),
  /** The passage numbers the model cited. */
  citedAs: z.array(z.number().int().min(1)),
  /** What the report states differently or does not state (a removed sentence's reasons). */
  reasons: z.array(z.string()),
});
export type GeneratedSentence = z.infer<typeof generatedSentenceSchema>;

/**
 * The model's rewrite of the question for retrieval (a model is configured): `rewritten` — the
 * rewrite was searched next to the question, `text` says what it was; `unchanged` — the reply
 * gave nothing new (`reason`: unchanged, empty, too-long); `fallback` — the call failed
 * (timeout, model-error) and the offline reading alone was searched. `answered` says the
 * answerer read the rewrite because the question's own words found nothing to answer with.
 */
export const questionRewriteSchema = z.object({
  status: z.enum(["rewritten", "unchanged", "fallback"]),
  text: z.string().optional(),
  reason: z.enum(["unchanged", "empty", "too-long", "timeout", "model-error"]).optional(),
  ms: z.number(),
  answered: z.boolean().optional(),
});
export type QuestionRewrite = z.infer<typeof questionRewriteSchema>;

/** generative: the model's sentences, all verified; mixed: some removed or re-cited; extractive: quotes only (no model, or the model's answer fell back). */
export const answerModeSchema = z.enum(["generative", "mixed", "extractive"]);
export type AnswerMode = z.infer<typeof answerModeSchema>;

export const generationSchema = z.object({
  provider: z.string(),
  model: z.string(),
  /** ok: the answer is the model's (gated); fallback: the extractive answer stands, for `reason`. */
  status: z.enum(["ok", "fallback"]),
  reason: z.enum(["model-error", "timeout", "empty", "too-little-verified", "not-answered"]).optional(),
  /** The provider's message on a model error (never a key). */
  detail: z.string().optional(),
  modelMs: z.number().optional(),
  gateMs: z.number().optional(),
  /** Why the model stopped: "length" means the token limit cut the reply, and its unfinished last sentence was dropped before the gate. */
  finishReason: z.enum(["stop", "length", "other"]).optional(),
});
export type Generation = z.infer<typeof generationSchema>;

/**
 * The contract of POST /api/ask, `npm run ask -- --json`, the widget and the eval suite.
 * Offsets are JavaScript string indices into the unmodified corpus file.
 */
export const askResponseSchema = z.object({
  question: z.string(),
  /** Concise Chinese answer; markers [1], [2] … close the clause they support. */
  answer: z.string(),
  abstained: z.boolean(),
  /** direct | related | not-in-report; `abstained` is true exactly when it is not-in-report. */
  answerKind: answerKindSchema,
  /** The words before the quotes, when there are any ("报告没有直接提到…，最相关的内容是：", "The report says: "): the answer starts with them; they frame the quotes and claim nothing. */
  lead: z.string().optional(),
  /** The language the answer's own words are in (the quotes are the report's Chinese). */
  language: z.enum(["zh", "en"]).optional(),
  /** Why the answerer abstained (present only when it did). */
  abstentionReason: abstentionReasonSchema.optional(),
  /**
   * On an other-place or other-level refusal, the places of the documents the question was
   * checked against, as the answer names them (one report: 江津区; several: 江津区, 永川区): the
   * widget's badge names them. Absent when no document's place is known.
   */
  refusalPlaces: z.array(refusalPlaceSchema).optional(),
  /** Share (0–1) of the question's weighted content words that the cited quotes contain: the grounding confidence. */
  support: z.number().min(0).max(1).optional(),
  citations: z.array(citationSchema),
  passages: z.array(passageSchema),
  suggestions: z.array(suggestionSchema).optional(),
  /** How the answer was written (absent from answerers older than the generative one: extractive). */
  answerMode: answerModeSchema.optional(),
  /** The model's sentences and the gate's verdicts (generative answerer only). */
  sentences: z.array(generatedSentenceSchema).optional(),
  /** The model call behind the answer (generative answerer only). */
  generation: generationSchema.optional(),
  rewrite: questionRewriteSchema.optional(),
  /** `model` is "provider:model" when a language model is configured. */
  engine: z.object({ embedder: z.string(), retriever: z.string(), answerer: z.string(), model: z.string().optional(), indexHash: z.string() }),
  timings: z.object({ retrieveMs: z.number(), answerMs: z.number(), totalMs: z.number() }),
  /** True when the server answered from its answer cache (the timings are those of the first computation). */
  cached: z.boolean().optional(),
});
export type AskResponse = z.infer<typeof askResponseSchema>;
