import { buildFormIndex, type FormIndex } from "./form-index.js";
import type { QuestionLexicon } from "./question-lexicon.js";
import { crossesWord } from "./word-cover.js";

/** `report`: a report's own term; `dialect`: dialect → standard Mandarin; `everyday`: everyday → formal; `filler`: a particle with no content. */
export type VocabularyKind = "report" | "dialect" | "everyday" | "filler";

export interface VocabularyMatch {
  readonly start: number;
  readonly end: number;
  /** The matched text of the question. */
  readonly text: string;
  /** What it stands for, best first (empty for fillers). */
  readonly to: readonly string[];
  readonly kind: VocabularyKind;
  /** The matched word itself occurs in the corpus (keep it beside its replacements). */
  readonly inCorpus: boolean;
}

type VocabularyLexicon = Pick<QuestionLexicon, "reports" | "dialect" | "everyday" | "fillers" | "corpusWords" | "placeCompounds" | "containingWords">;

interface Entry {
  readonly to: readonly string[];
  readonly kind: VocabularyKind;
  readonly inCorpus: boolean;
}

interface VocabularyIndex {
  readonly forms: FormIndex;
  readonly entries: ReadonlyMap<string, Entry>;
  /** The corpus's words, compound names and the dictionary words around one-character entries: a match they cross is not a word of the question. */
  readonly corpusWords: ReadonlySet<string>;
  readonly fillerCharacters: ReadonlySet<string>;
}

const indexes = new WeakMap<VocabularyLexicon, VocabularyIndex>();

function vocabularyIndex(lexicon: VocabularyLexicon): VocabularyIndex {
  const cached = indexes.get(lexicon);
  if (cached) return cached;
  const entries = new Map<string, Entry>();
  // On the same word a report's own meaning wins over dialect, dialect over everyday usage.
  for (const report of lexicon.reports) for (const term of report.terms) if (!entries.has(term.from)) entries.set(term.from, { to: term.to, kind: "report", inCorpus: term.inCorpus });
  for (const entry of lexicon.dialect) if (!entries.has(entry.from)) entries.set(entry.from, { to: entry.to, kind: "dialect", inCorpus: false });
  for (const entry of lexicon.everyday) if (!entries.has(entry.from)) entries.set(entry.from, { to: entry.to, kind: "everyday", inCorpus: entry.inCorpus });
  for (const filler of lexicon.fillers) if (!entries.has(filler)) entries.set(filler, { to: [], kind: "filler", inCorpus: false });
  const index: VocabularyIndex = {
    forms: buildFormIndex(entries.keys()),
    entries,
    corpusWords: new Set([...lexicon.corpusWords, ...lexicon.placeCompounds, ...lexicon.containingWords]),
    fillerCharacters: new Set(lexicon.fillers.filter((filler) => filler.length === 1)),
  };
  indexes.set(lexicon, index);
  return index;
}

const BOUNDARY = /[\s\p{P}\p{S}]/u;
const ALL_KINDS: ReadonlySet<VocabularyKind> = new Set(["report", "dialect", "everyday", "filler"]);

/** A filler counts only at the end of a clause ("啷个整嘛?"), possibly followed by more fillers: inside a word (哈尔滨) it is not one. */
function endsClause(text: string, end: number, fillerCharacters: ReadonlySet<string>): boolean {
  let next = end;
  while (next < text.length && fillerCharacters.has(text[next]!)) next++;
  return next === text.length || BOUNDARY.test(text[next]!);
}

/**
 * The lexicon's words (of the given kinds) in a normalised question, longest first, left to right, without
 * overlaps. A word that a word of the corpus crosses (整 in 整治, 河水 in 綦江河水质) is not
 * matched, nor a one-character entry inside a dictionary word (整 in 整个).
 */
export function findVocabularyMatches(normalized: string, lexicon: VocabularyLexicon, kinds: ReadonlySet<VocabularyKind> = ALL_KINDS): VocabularyMatch[] {
  const index = vocabularyIndex(lexicon);
  const matches: VocabularyMatch[] = [];
  for (let start = 0; start < normalized.length; start++) {
    for (const form of index.forms.get(normalized[start]!) ?? []) {
      if (!normalized.startsWith(form, start)) continue;
      const end = start + form.length;
      const entry = index.entries.get(form)!;
      if (!kinds.has(entry.kind)) continue;
      if (entry.kind === "filler" ? !endsClause(normalized, end, index.fillerCharacters) : crossesWord(normalized, start, end, index.corpusWords)) continue;
      matches.push({ start, end, text: form, to: entry.to, kind: entry.kind, inCorpus: entry.inCorpus });
      start = end - 1;
      break;
    }
  }
  return matches;
}

/**
 * The question with the lexicon applied: fillers dropped, dialect read as standard
 * Mandarin, everyday words and the reports' own expressions replaced by the terms they
 * stand for (kept beside them when the corpus uses the word itself). Replacements are
 * spaced off so that they stay whole words for the tokenizer. `kinds` limits it to some
 * kinds of entry (dialect and fillers alone standardise the question frame).
 */
export function rewriteQuestion(normalized: string, lexicon: VocabularyLexicon, kinds: ReadonlySet<VocabularyKind> = ALL_KINDS): string {
  let rewritten = "";
  let last = 0;
  for (const match of findVocabularyMatches(normalized, lexicon, kinds)) {
    rewritten += normalized.slice(last, match.start);
    if (match.kind === "dialect") rewritten += match.to[0];
    else if (match.kind !== "filler") rewritten += ` ${match.inCorpus ? `${match.text} ` : ""}${match.to.join(" ")} `;
    last = match.end;
  }
  return rewritten + normalized.slice(last);
}
