import questionWords from "../lexicon/data/question-words.json" with { type: "json" };

/**
 * The words a question is made of besides its topic, in the forms Chinese questions use
 * (the word lists are data: src/core/lexicon/data/question-words.json), and the grammar
 * patterns around them. Removed or recognised before the topic words are weighed against the report.
 */

/** Longest first: removing 多少 must not leave 少 behind from 有多少. */
export const QUESTION_WORDS: readonly string[] = [...questionWords.questionWords].sort((left, right) => right.length - left.length);

/**
 * Everyday words of questions about any topic ("已经拿到了什么", "一共多少", "有多大"):
 * not the report's vocabulary, and no evidence either way about whether it answers.
 */
export const GENERIC_QUESTION_TERMS: ReadonlySet<string> = new Set(questionWords.genericTerms);
// "好不好", "快不快": a yes/no frame around a word, not content.
export const A_NOT_A = /(\p{Script=Han})不\1/gu;
// "哪五个", "哪两个", "哪三类": which-N-of questions.
export const WHICH_COUNT = /哪[\d一二三四五六七八九十两几]*[个项条类种大部位家座点方]?/gu;

/** A question word (Chinese, dialect or English) in a clause: what makes it ask something. */
export const QUESTION_MARKER = /什么|多少|哪|几|怎|如何|吗|呢|是否|有没有|啥|咋|啷个|\bwhat\b|\bhow\b|\bwhich\b|\bwhen\b|\bwho\b|\bwhy\b/u;

// Single characters that carry grammar, not topic, when the segmenter leaves them alone.
export const FUNCTION_CHARACTERS = new Set([..."第到有指在和与及对从把被给让向为以于所其这那哪个些次年上中下后前都要会将还能去里又也就再想"]);

export const FUNCTION_CHARACTER_RUN = new RegExp(`[${[...FUNCTION_CHARACTERS].join("")}]+`, "u");

const alternation = (words: readonly string[]): string => [...words].sort((left, right) => right.length - left.length).join("|");
// Openers of an elliptical follow-up ("那到2026年呢?").
export const FOLLOW_UP_OPENERS = new RegExp(`^(?:${alternation(questionWords.followUpOpeners)})`, "u");
export const PAST_MARKERS = new RegExp(alternation(questionWords.pastMarkers), "u");
export const FUTURE_MARKERS = new RegExp(alternation(questionWords.futureMarkers), "u");
export const CHINESE_COUNTS: Record<string, number> = { 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

