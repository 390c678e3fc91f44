/**
 * Which words of a Chinese–English dictionary the corpus uses. A headword of two or more
 * characters counts wherever it occurs; a single character only where it stands as a
 * word of its own, i.e. where forward maximum matching over the dictionary leaves it
 * alone (in 森林覆盖率 the 林 is part of 森林, not the word 林 "woods").
 */
export interface CorpusDictionaryWords {
  /** Headwords of ≥ 2 characters that occur in the corpus, sorted. */
  readonly words: readonly string[];
  /** Single-character headwords that occur as whole words, sorted. */
  readonly singleWords: readonly string[];
}

/** A dictionary's headwords prepared for scanning text: lengths are looked up per two-character prefix. */
export interface DictionaryIndex {
  readonly headwords: ReadonlySet<string>;
  /** Two-character prefix → lengths of the headwords starting with it, longest first. */
  readonly lengthsByPrefix: ReadonlyMap<string, readonly number[]>;
}

/** Built once per dictionary (ingest keeps it for the process: reindex reuses it). */
export function indexDictionary(headwords: Iterable<string>): DictionaryIndex {
  const set = new Set<string>();
  const lengthsByPrefix = new Map<string, number[]>();
  for (const headword of headwords) {
    set.add(headword);
    if (headword.length < 2) continue;
    const prefix = headword.slice(0, 2);
    const lengths = lengthsByPrefix.get(prefix);
    if (!lengths) lengthsByPrefix.set(prefix, [headword.length]);
    else if (!lengths.includes(headword.length)) lengths.push(headword.length);
  }
  for (const lengths of lengthsByPrefix.values()) lengths.sort((left, right) => right - left);
  return { headwords: set, lengthsByPrefix };
}

/**
 * Headwords (normalised, like `texts`) that occur in the texts. Each position costs a few
 * set look-ups, whatever the dictionary's size (ingest at 1000× the corpus reads ~10 M characters).
 */
export function findCorpusDictionaryWords(dictionary: DictionaryIndex, texts: readonly string[]): CorpusDictionaryWords {
  const words = new Set<string>();
  const singleWords = new Set<string>();
  for (const text of new Set(texts)) {
    let segmentEnd = 0;
    for (let index = 0; index < text.length; index++) {
      let longest = 0;
      for (const length of dictionary.lengthsByPrefix.get(text.slice(index, index + 2)) ?? []) {
        if (index + length > text.length) continue;
        const candidate = text.slice(index, index + length);
        if (!dictionary.headwords.has(candidate)) continue;
        words.add(candidate);
        longest = Math.max(longest, length);
      }
      // Forward maximum matching: at each segment start the longest word is taken; a
      // character taken alone there is a whole word when the dictionary has it.
      if (index === segmentEnd) {
        if (longest === 0 && dictionary.headwords.has(text[index]!)) singleWords.add(text[index]!);
        segmentEnd = index + Math.max(longest, 1);
      }
    }
  }
  return { words: [...words].sort(), singleWords: [...singleWords].sort() };
}
