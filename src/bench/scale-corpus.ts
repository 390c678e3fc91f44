/**
 * The scale bench's corpus generator: grows the one-report corpus to N documents by
 * rewriting the report N − 1 times, so that an index of N× the size holds documents that
 * look like the report (same outline, same kind of sentences) but differ from it and from
 * each other. Pure and seeded: the same (report, seed, index) always gives the same text.
 *
 * One rewrite of the report, document i (1-based; document 0 is the report itself):
 * - **Clauses recombined** (generator v3): every body line keeps its shape — the same
 *   number of clauses, each ended by the same punctuation (，、：；。！？) at the same place —
 *   but each clause is, with probability 0.8, replaced by a clause drawn at random from
 *   anywhere in the report (among clauses of similar length, so the text keeps its length
 *   and the chunker cuts it alike). A paragraph about industry thus mixes phrases of the
 *   ecology, reform and Party-building sections, as real district reports share a stock of
 *   phrases but combine them differently.
 *   *Why*: generator v2 only swapped numbers, places, a few synonyms and neighbouring
 *   sentences, so every document was a light rewrite of the same text and each chunk had
 *   ~1,000 near-identical neighbours (one per document). "The exact 10 nearest" of a query
 *   was then decided by noise among hundreds of near-ties, and HNSW recall@10 measured that
 *   noise (0.82 at 1000×) rather than the index. With recombined clauses the nearest
 *   neighbours of a chunk are the few chunks that happen to share several clauses, as in a
 *   real corpus of related but distinct documents.
 * - **Numbers**: every Arabic number except years (1949–2060 as a four-digit whole number)
 *   is scaled by a random factor in [0.55, 1.45] and printed with the same number of
 *   decimal places ("756" → "913", "8.2" → "6.7"). Chinese numerals ("十九大") are kept.
 * - **Places**: every place name of the pool (Chongqing's districts and counties and
 *   Jiangjin's neighbours, SWAPPABLE_PLACES below) is replaced through a
 *   random one-to-one mapping of the pool onto itself, the same within one document
 *   ("江津" → "綦江" everywhere in it).
 * - **Wording**: each occurrence of a word in a small table of near-synonyms (加快/加速,
 *   推进/推动, 提升/提高, 加强/强化, 完善/健全, 持续/不断, 着力/大力, 积极/主动) is replaced by
 *   its partner with probability 0.5.
 * - **Headings are kept verbatim** (any line the outline parser reads as a heading: short and
 *   without sentence punctuation, or numbered "(一)…"), so each generated document is chunked
 *   along the same outline; its `.outline.json` sidecar therefore repeats the report's
 *   `topLevelHeadings` (without it the parser would fall back to its layout heuristic, which
 *   reads this report's outline differently).
 * - **Title**: the report's title with the same place mapping, and " · 模拟改写第 i 篇".
 */
import { seededRandom } from "./seeded-random.js";

export interface ReportTemplate {
  readonly text: string;
  readonly title: string;
  readonly author?: string;
  readonly published?: string;
  readonly topLevelHeadings: readonly string[];
}

export interface GeneratedDocument {
  /** File base name, e.g. "scale-00001" (its .txt, .meta.json and .outline.json share it). */
  readonly name: string;
  readonly text: string;
  /** Contents of `<name>.meta.json`. */
  readonly meta: { readonly title: string; readonly author?: string; readonly published?: string; readonly note: string };
  /** Contents of `<name>.outline.json`. */
  readonly outline: { readonly topLevelHeadings: readonly string[] };
}

/** Chongqing's districts and counties and the neighbouring cities: the names a rewrite swaps. */
export const SWAPPABLE_PLACES: readonly string[] = [
  "重庆", "渝中", "江北", "南岸", "九龙坡", "沙坪坝", "大渡口", "北碚", "渝北", "巴南", "万州", "涪陵", "黔江", "长寿区", "江津", "合川", "永川",
  "南川", "綦江", "大足", "璧山", "铜梁", "潼南", "荣昌", "开州", "梁平", "武隆", "城口", "丰都", "垫江", "忠县", "云阳", "奉节", "巫山", "巫溪",
  "石柱", "秀山", "酉阳", "彭水", "成都", "泸州", "遵义", "宜宾", "内江", "自贡", "赤水", "习水",
];

/** Near-synonym pairs, swapped both ways (see the header). */
const SYNONYM_PAIRS: readonly (readonly [string, string])[] = [
  ["加快", "加速"],
  ["推进", "推动"],
  ["提升", "提高"],
  ["加强", "强化"],
  ["完善", "健全"],
  ["持续", "不断"],
  ["着力", "大力"],
  ["积极", "主动"],
];
const synonymOf = new Map(SYNONYM_PAIRS.flatMap(([left, right]) => [[left, right] as const, [right, left] as const]));

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
const placePattern = new RegExp([...SWAPPABLE_PLACES].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|"), "gu");
const synonymPattern = new RegExp([...synonymOf.keys()].map(escapeRegExp).join("|"), "gu");
const numberPattern = /\d+(?:\.\d+)?/gu;
const sentencePunctuation = /[。！？；!?;]/u;
const numberedHeading = /^[(（]?[一二三四五六七八九十百]+[)）、]/u;

/** The same test the outline parser applies: such lines are kept verbatim. */
function isHeadingLine(line: string): boolean {
  const content = line.trim();
  return (content.length <= 32 && !sentencePunctuation.test(content)) || (numberedHeading.test(content) && content.length <= 64) || /^#{1,6}\s/u.test(content);
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

function rewriteNumbers(text: string, random: () => number): string {
  return text.replace(numberPattern, (number) => {
    const value = Number(number);
    if (/^\d{4}$/u.test(number) && value >= 1949 && value <= 2060) return number;
    const decimals = number.includes(".") ? number.length - number.indexOf(".") - 1 : 0;
    const scaled = value * (0.55 + 0.9 * random());
    const printed = scaled.toFixed(decimals);
    // A whole number never becomes 0 (a count of "0 个" reads as a different fact).
    return decimals === 0 && Number(printed) === 0 ? "1" : printed;
  });
}

function rewriteWording(text: string, random: () => number): string {
  return text.replace(synonymPattern, (word) => (random() < 0.5 ? (synonymOf.get(word) ?? word) : word));
}

/** Share of clauses replaced by a clause from elsewhere in the report. */
const REPLACED_CLAUSE_SHARE = 0.8;
const clausePattern = /[^，、：；。！？,:;!?]+[，、：；。！？,:;!?]*|[，、：；。！？,:;!?]+/gu;
const clauseEnd = /[，、：；。！？,:;!?]+$/u;

/** The report's body clauses without their closing punctuation, sorted by length (memoised per report text). */
const clausePools = new Map<string, readonly string[]>();
function clausePool(template: ReportTemplate): readonly string[] {
  let pool = clausePools.get(template.text);
  if (!pool) {
    const clauses = template.text
      .split(/\r?\n/u)
      .filter((line) => line.trim() && !isHeadingLine(line))
      .flatMap((line) => line.match(clausePattern) ?? [])
      .map((clause) => clause.replace(clauseEnd, ""))
      .filter((clause) => clause.length >= 2);
    pool = [...new Set(clauses)].sort((left, right) => left.length - right.length || (left < right ? -1 : 1));
    clausePools.clear();
    clausePools.set(template.text, pool);
  }
  return pool;
}

/** First index in the length-sorted pool whose clause is at least `length` long. */
function firstOfLength(pool: readonly string[], length: number): number {
  let low = 0;
  let high = pool.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (pool[middle]!.length < length) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Each clause, with probability REPLACED_CLAUSE_SHARE, becomes a pool clause of similar length; punctuation stays. */
function recombineClauses(line: string, pool: readonly string[], random: () => number): string {
  const pieces = line.match(clausePattern) ?? [line];
  return pieces
    .map((piece) => {
      const punctuation = clauseEnd.exec(piece)?.[0] ?? "";
      const body = piece.slice(0, piece.length - punctuation.length);
      if (body.trim().length < 2 || pool.length === 0 || random() >= REPLACED_CLAUSE_SHARE) return piece;
      // Among clauses within ±25 % of this one's length (at least ±2 characters).
      const slack = Math.max(2, Math.round(body.length * 0.25));
      const low = firstOfLength(pool, body.length - slack);
      const high = Math.max(low + 1, firstOfLength(pool, body.length + slack + 1));
      const chosen = pool[Math.min(pool.length - 1, low + Math.floor(random() * (high - low)))]!;
      return chosen + punctuation;
    })
    .join("");
}

/** Document `index` (≥ 1) of a scaled corpus: a seeded rewrite of the report. */
export function generateDocument(template: ReportTemplate, index: number, seed: number): GeneratedDocument {
  if (!Number.isInteger(index) || index < 1) throw new RangeError(`document index must be a whole number ≥ 1, got ${index}`);
  const random = seededRandom((seed ^ Math.imul(index, 0x9e3779b1)) >>> 0);
  const targets = shuffled(SWAPPABLE_PLACES, random);
  const mapping = new Map(SWAPPABLE_PLACES.map((place, position) => [place, targets[position]!]));
  const swapPlaces = (text: string): string => text.replace(placePattern, (place) => mapping.get(place) ?? place);
  // Split into lines keeping the separators, so blank lines and line ends stay as they were.
  const pool = clausePool(template);
  const lines = template.text.split(/(\r?\n)/u);
  const rewritten = lines.map((line) => {
    if (line === "\n" || line === "\r\n" || !line.trim() || isHeadingLine(line)) return line;
    return rewriteWording(rewriteNumbers(swapPlaces(recombineClauses(line, pool, random)), random), random);
  });
  const name = `scale-${String(index).padStart(5, "0")}`;
  return {
    name,
    text: rewritten.join(""),
    meta: {
      title: `${swapPlaces(template.title)} · 模拟改写第 ${index} 篇`,
      ...(template.author ? { author: template.author } : {}),
      ...(template.published ? { published: template.published } : {}),
      note: `Generated by src/bench/scale-corpus.ts (seed ${seed}, document ${index}) for the scale bench: the report's clauses recombined, numbers and places rewritten. Not a real document.`,
    },
    outline: { topLevelHeadings: [...template.topLevelHeadings] },
  };
}

/** The N−1 rewrites that, with the report itself, make an N× corpus. */
export function* generateScaledCorpus(template: ReportTemplate, scale: number, seed: number): Generator<GeneratedDocument> {
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`scale must be a whole number ≥ 1, got ${scale}`);
  for (let index = 1; index < scale; index++) yield generateDocument(template, index, seed);
}
