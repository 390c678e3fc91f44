import { normalizeText } from "../text/normalize.js";
import type { ExpectedFact } from "./gold-question.js";

/** Text as facts are compared: the product's normalisation, without spaces and quotation marks. */
export function normalizeForFacts(text: string): string {
  return normalizeText(text).replace(/[\s“”‘’"'「」『』]/gu, "");
}

export function factFound(fact: ExpectedFact, answer: string): boolean {
  const normalizedAnswer = normalizeForFacts(answer);
  const alternatives = typeof fact === "string" ? [fact] : fact;
  return alternatives.some((alternative) => normalizedAnswer.includes(normalizeForFacts(alternative)));
}

const numberPattern = /\d+(?:\.\d+)?/gu;

/** Numbers (years, amounts, percentages) an answer states, normalised (full-width digits read as ASCII). */
export function numbersIn(text: string): string[] {
  return normalizeText(text).replace(/\[\d+\]/gu, "").match(numberPattern) ?? [];
}
