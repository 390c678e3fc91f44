import { splitSentences } from "../core/text/sentences.js";
import type { RecordedRequest } from "./scripted-llm-server.js";

/**
 * What a stand-in model says, read off the prompt alone (no model is reachable here): the
 * bench's scripted provider and `npm run stand-in-llm` answer the generative answerer's
 * prompt (src/core/answering/generative/prompt.ts: "[n]（section）text" passages, then
 * "问题：…") and the question rewriter's (src/core/understanding/rewrite/rewrite-prompt.ts).
 */

/** The report's sentences (not its heading lines), in order, passage by passage, each ending with [n] of its passage, until about `characters`. */
export function faithfulAnswer(passageTexts: readonly string[], characters: number): string {
  let reply = "";
  for (const [index, text] of passageTexts.entries()) {
    for (const sentence of splitSentences(text)) {
      const whole = sentence.text.trim();
      if (!/[。！？；]$/u.test(whole) || whole.length < 12) continue;
      reply += `${whole.slice(0, -1)}[${index + 1}]${whole.slice(-1)}`;
      if (reply.length >= characters) return reply;
    }
  }
  return reply;
}

/** The same reply with every figure changed (its first digit moved on by one): what the gate must never let through. */
export function withFiguresChanged(reply: string): string {
  // Markers ([1]) are not figures; a figure's first digit changes, so 52% → 62%, 2026年 → 3026年.
  return reply.replace(/\[\d+\]|\d[\d.]*/gu, (match) => (match.startsWith("[") ? match : `${(Number(match[0]) + 1) % 10}${match.slice(1)}`));
}

// Over several documents a passage's number is followed by its document's title (《…》).
const PASSAGE_HEAD = /^\[(\d+)\](?:《[^》]*》)?（[^）]*）/u;

/** The numbered passages of an answer prompt, by number. */
export function promptPassages(request: RecordedRequest): string[] {
  const user = request.messages.at(-1)?.content ?? "";
  const body = user.slice(user.indexOf("报告段落：") + "报告段落：".length, user.lastIndexOf("问题："));
  return body
    .split(/\n\n(?=\[\d+\][（《])/u)
    .map((block) => block.trim())
    .filter((block) => PASSAGE_HEAD.test(block))
    .map((block) => block.replace(PASSAGE_HEAD, ""));
}

/** The question of an answer prompt ("" when there is none). */
export function promptQuestion(request: RecordedRequest): string {
  const user = request.messages.at(-1)?.content ?? "";
  const at = user.lastIndexOf("问题：");
  return at < 0 ? "" : user.slice(at + "问题：".length);
}

/** The user's turn of a rewrite prompt, or undefined when the request is not one. */
export function rewriteQuestion(request: RecordedRequest): string | undefined {
  const user = request.messages.at(-1)?.content ?? "";
  const match = /用户最后一句话：([\s\S]*?)\n\n改写后的问句：$/u.exec(user);
  return match?.[1];
}
