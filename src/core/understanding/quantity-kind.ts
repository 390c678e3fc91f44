/**
 * The kind of quantity a "how many / how much" question asks for, and whether a quote
 * states a figure of that kind. A question for a total ("人口总数", "多少人") answered with
 * a share ("占比24%"), or for a rate answered with an amount, has not been answered: the
 * report may simply not give that kind of figure.
 */
export type QuantityKind = "share" | "amount" | "count" | "length" | "area";

// Only unambiguous cues: "增长多少" may want a rate or the amount grown to, so it names no kind.
const ASKED: readonly (readonly [QuantityKind, RegExp])[] = [
  ["share", /比例|比重|占比|百分之|百分比|几成|\p{Script=Han}率|percentage|proportion/u],
  ["area", /面积|多少亩|多少平方(?:公里|米)|平方公里|square (?:kilomet|met)|\barea\b/u],
  ["length", /多长(?!时间)|多远|里程|多少公里|how far|kilomet|\bkm\b/u],
  ["count", /多少人|人口|人数|多少[个家所座项条次位户]|几[个家所座项条次位户]|总数|数量|how many|population|number of/u],
  ["amount", /多少钱|多少(?:万|亿)?元|金额|总额|预算|how much money|budget/u],
];

const STATED: Readonly<Record<QuantityKind, RegExp>> = {
  share: /\d(?:\.\d+)?[%％]|百分之|\d+(?:\.\d+)?:\d/u,
  area: /\d(?:\.\d+)?(?:万)?(?:平方公里|平方米|亩|公顷)/u,
  length: /\d(?:\.\d+)?(?:万)?(?:公里|千米|米)/u,
  amount: /\d(?:\.\d+)?(?:万|亿)?元/u,
  count: /\d+(?:\.\d+)?(?:万|亿)?(?:个|家|人|名|所|座|项|条|次|位|户|辆|张|套|处|支|批|台|艘|列)|[一二三四五六七八九十两]+(?:个|家|名|所|座|项|条|次|位|处)/u,
};

/** The first kind the question names, or undefined when it asks for a figure of no particular kind. */
export function askedQuantityKind(normalized: string): QuantityKind | undefined {
  // "年均增长多少", "涨了多少" ask for a rate or for what it grew to; "第几个" for an ordinal: no kind either way.
  const withoutOrdinals = normalized.replace(/第[几\d一二三四五六七八九十]+[个次届位]?/gu, " ");
  const growth = /增长|增速|涨|增加|提高|提升|\b(?:grow|grew|grown|growth|increase|increased|rise|rose|risen)\b/u.test(withoutOrdinals);
  for (const [kind, pattern] of ASKED) {
    if (!pattern.test(withoutOrdinals)) continue;
    return growth && kind !== "share" ? undefined : kind;
  }
  return undefined;
}

export function statesQuantityKind(kind: QuantityKind, normalizedQuote: string): boolean {
  return STATED[kind].test(normalizedQuote);
}
