import { MAX_QUESTION_CHARACTERS } from "../../schemas/ask-request.js";

/**
 * The rewritten question in a model's reply, or why there is none. Models wrap a one-line
 * answer in labels ("改写后的问句：…", "Rewritten: …"), quotes and a trailing explanation; the
 * first line that says something is the question. A reply that is long, has no letters or
 * is the question unchanged is not used.
 */
export type RewriteReading = { readonly text: string } | { readonly unusable: "empty" | "unchanged" | "too-long" };

const LABEL = /^\s*(?:改写后?的?(?:问句|问题)?|检索问句|问句|问题|rewritten(?: question)?|query)\s*[：:]\s*/iu;
const WRAPPING = /^[\s"'“”‘’「」『』《》()（）*_`-]+|[\s"'“”‘’「」『』《》()（）*_`]+$/gu;
/** A rewrite this much longer than the question is an answer or an essay, not a question. */
const MAX_GROWTH_CHARACTERS = 80;

export function readRewriteReply(reply: string, question: string): RewriteReading {
  const line = reply
    .split(/\r?\n/u)
    .map((candidate) => candidate.replace(LABEL, "").replace(WRAPPING, "").trim())
    .find((candidate) => /[\p{L}\p{N}]/u.test(candidate));
  if (line === undefined) return { unusable: "empty" };
  if (line.length > Math.min(MAX_QUESTION_CHARACTERS, question.length * 3 + MAX_GROWTH_CHARACTERS)) return { unusable: "too-long" };
  const same = (text: string): string => text.replace(/[\s\p{P}]/gu, "").toLowerCase();
  if (same(line) === same(question)) return { unusable: "unchanged" };
  return { text: line };
}
