/**
 * What a question asks for, from its question words: the answer type an answer must have
 * (a figure for 多少, a date for 何时, a list for 哪些, measures for 怎么, reasons for 为什么,
 * a person for 谁). Chinese and English question words, normalised text in (lower case).
 */
export type QuestionKind = "numeric" | "when" | "list" | "whether" | "definition" | "how" | "why" | "who" | "factoid";

const CHINESE_KIND_PATTERNS: readonly (readonly [QuestionKind, RegExp])[] = [
  ["when", /哪一?年|什么时候|何时|哪天|几月|什么日子|哪个月|啥时候|好久/u],
  ["why", /为什么|为何|为啥|原因|凭什么/u],
  ["how", /(?:哪些|什么)(?:措施|办法|举措|手段|路径)|靠什么|通过什么/u],
  ["list", /哪些|哪几|哪[两二三四五六七八九十]|有什么|包括|包含|都有|列举|几大|几项|分别是/u],
  ["numeric", /多少|几[个次家名条座所位项户辆批届]|第几|比例|百分之|占比|增长.*[几多]|多长|多久|多大|多高|多远|几公里|[%％]/u],
  ["who", /是谁|叫什么名字|名字是|姓名|谁[是来负当]/u],
  ["how", /怎么|怎样|如何|采取.*措施|啥办法/u],
  ["definition", /什么是|是什么意思|指什么|指的是|含义|定义|何谓|是指/u],
  ["whether", /是否|有没有|是不是|能不能|吗$|吗\?$/u],
];

const ENGLISH_KIND_PATTERNS: readonly (readonly [QuestionKind, RegExp])[] = [
  ["when", /\bwhen\b|\bwhat year\b|\bwhich year\b/u],
  ["why", /\bwhy\b/u],
  // "What is the forest coverage rate?": a what-question about a rate, a total or a target asks for a figure.
  ["numeric", /\bhow (?:many|much|long|far|big|large|fast|high)\b|\bwhat (?:is|was|were|are|will be) (?:the |its |their )?(?:[a-z'-]+ ){0,4}(?:number|share|rate|percentage|total|amount|target|ratio|value|output|income|size|population|revenue|expenditure|spending|investment|gdp|area|length)s?\b|\bpercent|\bproportion\b|\bratio\b/u],
  ["list", /\bwhich\b|\bwhat are\b|\blist\b|\bname the\b/u],
  ["who", /\bwho\b/u],
  ["how", /\bhow (?:does|do|did|will|can|is|are|to)\b/u],
  ["definition", /\bwhat (?:is|does) .+ mean\b|\bmeaning of\b|\bwhat is meant\b/u],
  ["whether", /^(?:is|are|does|do|did|will|was|were|has|have|can)\b/u],
];

/**
 * The kind of a question. Order matters: "哪一年" is a when-question before it is a
 * which-question, and "为什么要建设哪些…" asks why before it asks which.
 */
export function questionKind(normalized: string): QuestionKind {
  for (const [kind, pattern] of CHINESE_KIND_PATTERNS) if (pattern.test(normalized)) return kind === "how" && /怎么样|怎样的|如何评价/u.test(normalized) ? "factoid" : kind;
  for (const [kind, pattern] of ENGLISH_KIND_PATTERNS) if (pattern.test(normalized)) return kind;
  return "factoid";
}
