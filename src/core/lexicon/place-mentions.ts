import { buildFormIndex, type FormIndex } from "./form-index.js";
import type { PlaceLevel, QuestionLexicon, ReportLexicon } from "./question-lexicon.js";
import { insideLongerWord } from "./word-cover.js";

export interface PlaceMention {
  /** As written in the question (江津, 四川省). */
  readonly form: string;
  readonly start: number;
  readonly end: number;
  /** The official name (江津区, 四川省), or a local place's name as the report writes it. */
  readonly name: string;
  /** `locality`: a place inside a report's subject that the report names (a town, a street). */
  readonly level: PlaceLevel | "locality";
  /** Official name of the division above (江津区 → 重庆市). */
  readonly parent?: string;
}

/** How a mentioned place stands to a report's subject. */
export type PlaceRelation = "subject" | "parent" | "local" | "other";

type PlaceLexicon = Pick<QuestionLexicon, "places" | "placeCompounds" | "corpusWords" | "reports">;

interface PlaceIndex {
  readonly forms: FormIndex;
  readonly byForm: ReadonlyMap<string, Omit<PlaceMention, "form" | "start" | "end">>;
  readonly compounds: ReadonlySet<string>;
  readonly byName: ReadonlyMap<string, string | undefined>;
}

// Built once per loaded lexicon (an engine holds one for its lifetime).
const indexes = new WeakMap<PlaceLexicon, PlaceIndex>();

function placeIndex(lexicon: PlaceLexicon): PlaceIndex {
  const cached = indexes.get(lexicon);
  if (cached) return cached;
  const byForm = new Map<string, Omit<PlaceMention, "form" | "start" | "end">>();
  // A report's own localities first: to a reader of that report the name means the local place.
  for (const report of lexicon.reports) {
    const subject = report.subject;
    if (!subject) continue;
    for (const local of subject.localPlaces) if (!byForm.has(local)) byForm.set(local, { name: local, level: "locality", parent: subject.place });
  }
  for (const place of lexicon.places) {
    const found = { name: place.name, level: place.level, ...(place.parent ? { parent: place.parent } : {}) };
    for (const form of [place.name, ...place.forms]) if (!byForm.has(form)) byForm.set(form, found);
  }
  const index: PlaceIndex = {
    forms: buildFormIndex(byForm.keys()),
    byForm,
    compounds: new Set([...lexicon.placeCompounds, ...lexicon.corpusWords]),
    byName: new Map(lexicon.places.map((place) => [place.name, place.parent])),
  };
  indexes.set(lexicon, index);
  return index;
}

/**
 * Places a normalised question names, longest name first, left to right. Only whole names
 * count: a place name inside a longer word of the corpus's vocabulary (綦江 in 綦江河, a
 * river of the report; any word of `reportVocabulary` too) is not a mention. A word that
 * merely overlaps the name does not cancel it: 都市 must not hide 成都 in 去成都市场.
 */
export function findPlaceMentions(normalized: string, lexicon: PlaceLexicon, reportVocabulary?: ReadonlySet<string>): PlaceMention[] {
  const index = placeIndex(lexicon);
  const mentions: PlaceMention[] = [];
  for (let start = 0; start < normalized.length; start++) {
    // Longest name first; one inside a longer word of the corpus gives way to a shorter one.
    const form = (index.forms.get(normalized[start]!) ?? []).find((candidate) => {
      if (!normalized.startsWith(candidate, start)) return false;
      const end = start + candidate.length;
      return !insideLongerWord(normalized, start, end, index.compounds) && !(reportVocabulary && insideLongerWord(normalized, start, end, reportVocabulary));
    });
    if (!form) continue;
    mentions.push({ form, start, end: start + form.length, ...index.byForm.get(form)! });
    start += form.length - 1;
  }
  return mentions;
}

/** The divisions above a place, nearest first (江津区 → [重庆市]; 合江县 → [泸州市, 四川省]). */
export function placeParents(name: string, lexicon: PlaceLexicon): string[] {
  const byName = placeIndex(lexicon).byName;
  const parents: string[] = [];
  for (let parent = byName.get(name); parent && !parents.includes(parent); parent = byName.get(parent)) parents.push(parent);
  return parents;
}

/** Whether a mention is the report's subject, a division above it, a place inside it, or somewhere else. */
export function placeRelation(mention: PlaceMention, subject: ReportLexicon["subject"]): PlaceRelation {
  if (!subject) return "other";
  if (mention.name === subject.place || subject.forms.includes(mention.form)) return "subject";
  if (subject.parents.includes(mention.name)) return "parent";
  if (mention.level === "locality" && mention.parent === subject.place) return "local";
  return "other";
}
