import { normalizeText } from "../text/normalize.js";
import { buildFormIndex, longestFormAt } from "./form-index.js";
import type { PlaceData } from "./general-vocabulary.js";
import type { Place, PlaceLevel } from "./question-lexicon.js";

/** One entry of the official list of administrative divisions (GB/T 2260 codes). */
export interface AdministrativeDivision {
  /** Six digits: XX0000 a province, XXXX00 a prefecture, else a county-level division. */
  readonly code: string;
  readonly name: string;
  /** The code of the division it is listed under; absent for provinces. */
  readonly parentCode?: string;
}

export interface GazetteerSubject {
  /** Official names of the divisions above the report's subject (重庆市): their counties get short forms. */
  readonly parents: readonly string[];
  /** Bordering divisions (习水县): short forms too. */
  readonly neighbours: readonly string[];
}

function levelOf(code: string): Exclude<PlaceLevel, "country" | "region"> {
  if (code.endsWith("0000")) return "province";
  return code.endsWith("00") ? "prefecture" : "county";
}

/** The usual short name: 四川省 → 四川, 石柱土家族自治县 → 石柱, 阿坝藏族羌族自治州 → 阿坝. */
function shortName(name: string, level: Place["level"], ethnicGroups: readonly string[]): string {
  let stem = name.replace(/特别行政区$|自治区$|自治州$|自治县$|自治旗$/u, "");
  if (stem !== name) {
    for (let changed = true; changed; ) {
      changed = false;
      for (const group of ethnicGroups) {
        if (stem.length > group.length && stem.endsWith(group)) {
          stem = stem.slice(0, -group.length);
          changed = true;
        }
      }
    }
    return stem;
  }
  const suffix = level === "province" ? /(省|市)$/u : level === "prefecture" ? /(市|地区|盟)$/u : /(林区|特区|区|县|市|旗)$/u;
  return name.replace(suffix, "");
}

/**
 * The gazetteer of the index's lexicon: provinces, prefectures and county-level
 * divisions from the official list, plus countries and world regions. Every place is
 * matched by its official name; provinces and prefectures also by their short names,
 * counties only where short names are expected (inside the subject's parent division and
 * its neighbours: "永川" means 永川区 to a reader of a Chongqing report, "城关" means
 * nothing in particular). Short names that are common words are never used, and generic
 * division names (城区, 新区) are not places at all.
 */
export function buildGazetteer(divisions: readonly AdministrativeDivision[], extras: PlaceData, subjects: readonly GazetteerSubject[]): Place[] {
  const generic = new Set(extras.genericDivisionNames);
  const ambiguous = new Set(extras.ambiguousShortForms);
  const shortFormParents = new Set(subjects.flatMap((subject) => subject.parents.map((name) => normalizeText(name))));
  const neighbours = new Set(subjects.flatMap((subject) => subject.neighbours.map((name) => normalizeText(name))));
  const ethnicGroups = [...extras.ethnicGroups].sort((left, right) => right.length - left.length);

  const byCode = new Map(divisions.map((division) => [division.code, division]));
  // Placeholders (市辖区, 县, 省直辖县级行政区划) are not places: their children hang from the division above.
  const parentName = (code: string | undefined): string | undefined => {
    for (let current = code; current; current = byCode.get(current)?.parentCode) {
      const division = byCode.get(current);
      if (division && !generic.has(division.name)) return normalizeText(division.name);
    }
    return undefined;
  };

  const places: Place[] = [];
  for (const division of divisions) {
    if (!/^\d{6}$/u.test(division.code) || generic.has(division.name)) continue;
    const name = normalizeText(division.name);
    const level = levelOf(division.code);
    const parent = level === "province" ? undefined : parentName(division.parentCode);
    const short = shortName(name, level, ethnicGroups);
    const wantsShort = level !== "county" || (parent !== undefined && shortFormParents.has(parent)) || neighbours.has(name);
    const forms = wantsShort && short !== name && short.length >= 2 && !ambiguous.has(short) ? [short] : [];
    places.push({ name, level, ...(parent ? { parent } : {}), forms });
  }
  for (const country of extras.countries) places.push({ name: normalizeText(country), level: "country", forms: [] });
  for (const region of extras.regions) places.push({ name: normalizeText(region), level: "region", forms: [] });
  return places;
}

/**
 * Corpus strings that contain a place name but name something else: the name followed by
 * a word that makes it a river, a road or a railway (綦江 + 河), and dictionary words of
 * the corpus that contain a place form without being places themselves.
 */
export function findPlaceCompounds(places: readonly Place[], corpusTexts: readonly string[], corpusWords: readonly string[], suffixes: readonly string[]): string[] {
  const forms = new Set(places.flatMap((place) => [place.name, ...place.forms]));
  const index = buildFormIndex(forms);
  const bySuffixLength = [...suffixes].map((suffix) => normalizeText(suffix)).sort((left, right) => right.length - left.length);
  const compounds = new Set<string>();
  for (const text of new Set(corpusTexts)) {
    for (let at = 0; at < text.length; at++) {
      const form = longestFormAt(text, at, index);
      if (!form) continue;
      // 重庆市 followed by 江津区 is two places, not a river called 重庆市江.
      if (longestFormAt(text, at + form.length, index)) continue;
      const suffix = bySuffixLength.find((candidate) => text.startsWith(candidate, at + form.length));
      if (suffix && !forms.has(form + suffix)) compounds.add(form + suffix);
    }
  }
  for (const word of corpusWords) {
    if (forms.has(word)) continue;
    for (let at = 0; at < word.length; at++) {
      const form = longestFormAt(word, at, index);
      if (form && form.length < word.length) {
        compounds.add(word);
        break;
      }
    }
  }
  return [...compounds].sort();
}
