import { normalizeText } from "../text/normalize.js";
import { normalizeChineseNumerals } from "../verification/numbers.js";
import type { ExpectedFact } from "./gold-question.js";

/**
 * Text as facts are compared: the product's normalisation, Chinese numerals as digits
 * (百分之六 and 6% are the same fact), without spaces and quotation marks.
 */
export function normalizeForFacts(text: string): string {
  return normalizeChineseNumerals(normalizeText(text)).replace(/[\s“”‘’"'「」『』]/gu, "");
}

export function factFound(fact: ExpectedFact, answer: string): boolean {
  const normalizedAnswer = normalizeForFacts(answer);
  const alternatives = typeof fact === "string" ? [fact] : fact;
  return alternatives.some((alternative) => normalizedAnswer.includes(normalizeForFacts(alternative)));
}

const numberPattern = /\d+(?:\.\d+)?/gu;

/** Numbers (years, amounts, percentages) an answer states, in digits, whether written as digits or in words. */
export function numbersIn(text: string): string[] {
  return normalizeForFacts(text.replace(/\[\d+\]/gu, "")).match(numberPattern) ?? [];
}
