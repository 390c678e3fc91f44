import type { Chunk } from "../chunking/chunk.js";

/** A quoted stretch of the report: “五地一城”, 「…」, "…". Longer quotes are sentences, not terms. */
const quoted = /[“「『"]([^”」』"\n]{2,40})[”」』"]/gu;
/** Where a quoted list or a heading is cut into terms: “共抓大保护、不搞大开发” holds two. */
const termSeparator = /[、,，·・+＋;；:：\s()（）《》〈〉—-]+/u;
/** "(一)", "一、" before a heading. */
const enumerator = /^[(（][一二三四五六七八九十]+[)）]|^[一二三四五六七八九十]+、/u;
const hanTerm = (length: string): RegExp => new RegExp(`^\\p{Script=Han}{${length}}$`, "u");
const quotedTerm = hanTerm("2,12");
/** Heading pieces longer than this are phrases (建设科技创新基地), which must not become one word. */
const headingTerm = hanTerm("2,4");

/**
 * The report's own vocabulary, for WordSegmenter.addWords: the terms it puts in quotation
 * marks (its coinages: 专精特新, 水公铁, 五地一城, and each item of a quoted list) and the
 * short pieces of its headings (总体要求, 过去五年). Read from the chunks at load time, so
 * it always matches the index being served and needs no file of its own. Sorted, for a
 * segmenter that is deterministic whatever order the chunks come in.
 */
export function reportTerms(chunks: readonly Chunk[]): string[] {
  const terms = new Set<string>();
  const headings = new Set<string>();
  for (const chunk of chunks) {
    for (const heading of chunk.sectionPath) headings.add(heading);
    for (const match of chunk.text.matchAll(quoted)) {
      for (const piece of match[1]!.split(termSeparator)) if (quotedTerm.test(piece)) terms.add(piece);
    }
  }
  for (const heading of headings) {
    for (const match of heading.matchAll(quoted)) {
      for (const piece of match[1]!.split(termSeparator)) if (quotedTerm.test(piece)) terms.add(piece);
    }
    const plain = heading.replace(enumerator, "").replace(quoted, " ");
    for (const piece of plain.split(termSeparator)) if (headingTerm.test(piece)) terms.add(piece);
  }
  return [...terms].sort();
}
