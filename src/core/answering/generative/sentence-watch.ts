import type { RetrievedPassage } from "../../retrieval/retrieved-passage.js";
import type { GeneratedSentence } from "../../schemas/ask-response.js";
import type { VerifierEngine } from "../../verification/verify-text.js";
import type { VerifierSettings } from "../../verification/verifier-settings.js";
import { gateAnswer } from "./answer-gate.js";

/**
 * Verifies a streamed reply sentence by sentence as each one closes, so a streaming client
 * learns each sentence's verdict while the model is still writing the next (the final gate
 * over the whole reply still decides the answer). A sentence closes at 。！？；!? or ". ",
 * after the markers that follow it ("…左右[1]。" closes after 。).
 */
const SENTENCE_END = /[。！？；!?]+[”’」』)）]*|\.(?=\s)/gu;

/**
 * The reply up to the end of its last closed sentence (and the markers right after it): what a
 * reply cut by the token limit says for sure. The unfinished tail ("…增长到") is dropped, not
 * verified: a sentence cut before its figure could be supported as a prefix and still mislead.
 */
export function wholeSentences(reply: string): string {
  let end = 0;
  SENTENCE_END.lastIndex = 0;
  for (let match = SENTENCE_END.exec(reply); match; match = SENTENCE_END.exec(reply)) end = match.index + match[0].length;
  const trailingMarkers = /^(?:\s*[\[【［]\^?\d+(?:\s*[,，、]\s*\d+)*[\]】］])*/u.exec(reply.slice(end))?.[0] ?? "";
  return reply.slice(0, end + trailingMarkers.length);
}

export interface SentenceWatch {
  /** The reply so far grew by `delta`. */
  push(delta: string): void;
  /** Waits for the sentences already closed to be verified; returns how many were reported. */
  settle(): Promise<number>;
}

export function watchSentences(
  passages: readonly RetrievedPassage[],
  verifier: VerifierEngine,
  settings: VerifierSettings,
  report: (index: number, sentence: GeneratedSentence) => void,
): SentenceWatch {
  let reply = "";
  let checkedUpTo = 0;
  let reported = 0;
  let chain: Promise<void> = Promise.resolve();
  return {
    push(delta) {
      reply += delta;
      let end = checkedUpTo;
      SENTENCE_END.lastIndex = checkedUpTo;
      for (let match = SENTENCE_END.exec(reply); match; match = SENTENCE_END.exec(reply)) end = match.index + match[0].length;
      if (end <= checkedUpTo) return;
      const closed = reply.slice(checkedUpTo, end);
      checkedUpTo = end;
      chain = chain.then(async () => {
        const gated = await gateAnswer(closed, passages, verifier, settings);
        for (const sentence of gated.sentences) report(reported++, sentence);
      });
    },
    async settle() {
      await chain;
      return reported;
    },
  };
}
