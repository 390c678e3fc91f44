/**
 * Everyday words people type, mapped to the report's own vocabulary. The report says
 * 地区生产总值, readers say GDP; it says 可支配收入, they say 收入 or 工资. Rewriting
 * the question before retrieval and support scoring lets such questions match without
 * a neural model. Entries are general vocabulary of planning reports, not answers.
 */
const EVERYDAY_TO_REPORT: readonly (readonly [everyday: string | RegExp, report: string])[] = [
  [/主城(?!都市)/u, "中心城区"],
  // Schooling first: "孩子上学" is about education, not about children's welfare.
  [/(孩子|小孩|娃)(上学|读书|念书)/u, "教育"],
  ["政府的钱", "一般公共预算支出"],
  [/经济(?=年均|增长|增速|发展速度)/u, "地区生产总值"],
  [/发表|发布|刊发|刊登|出版/u, "版次"],
  ["财政支出", "一般公共预算支出"],
  ["跑一趟", "最多跑一次"],
  ["多长时间", "小时"],
  ["多久", "小时"],
  ["私营企业", "民营经济"],
  ["私营", "民营"],
  ["涨得", "增长"],
  ["涨了", "增长"],
  ["贪官", "腐败"],
  ["老城区", "母城"],
  ["荣誉", "获评"],
  ["党代会", "代表大会"],
  ["公司", "企业"],
  ["比例", "占"],
  ["比重", "占"],
  ["占比", "占"],
  ["赶上", "达到"],
  ["办事", "服务"],
  ["增速", "增长"],
  ["涨幅", "增长"],
  ["量级", "级"],
  ["gdp", "地区生产总值"],
  ["世界五百强", "世界500强"],
  ["全球五百强", "世界500强"],
  ["五百强", "500强"],
  ["打鱼", "禁渔"],
  ["捕鱼", "禁渔"],
  ["钓鱼", "禁渔"],
  ["租房", "租购"],
  ["大学", "高校"],
  ["毕业生", "高校毕业生"],
  ["经济总量", "地区生产总值"],
  ["生产总值", "地区生产总值"],
  ["国内生产总值", "地区生产总值"],
  ["工资", "可支配收入"],
  ["收入水平", "可支配收入"],
  ["老百姓", "居民"],
  ["市民", "居民"],
  ["人均收入", "人均可支配收入"],
  ["穷人", "贫困人口"],
  ["扶贫", "脱贫"],
  ["树木", "森林"],
  ["绿化率", "森林覆盖率"],
  ["植被覆盖", "森林覆盖率"],
  ["空气质量", "空气优良天数"],
  ["好天气", "空气优良天数"],
  ["河水", "水质"],
  ["看病", "医疗"],
  ["医院", "医疗卫生"],
  ["上学", "教育"],
  ["学校", "教育"],
  ["读书", "教育"],
  ["找工作", "就业"],
  ["工作机会", "就业"],
  ["养老", "老龄事业"],
  ["老年人", "老龄"],
  ["买房", "住房"],
  ["房子", "住房"],
  ["外贸", "进出口"],
  ["出口", "进出口"],
  ["外资", "引资"],
  ["招商", "招商引资"],
  ["投资额", "引资"],
  ["地铁", "轨道交通"],
  ["轻轨", "轨道交通"],
  ["火车", "铁路"],
  ["修路", "公路"],
  ["飞机场", "机场"],
  ["码头", "港"],
  ["港口", "港"],
  ["旅游景点", "旅游"],
  ["景点", "景区"],
  ["环保", "生态环保"],
  ["污染", "污染防治"],
  ["农民收入", "农民增收"],
  ["种地", "农业"],
  ["工厂", "工业"],
  ["科技", "科技创新"],
  ["高科技", "高新技术"],
  ["反腐", "反腐败"],
  ["当官", "干部"],
  ["官员", "干部"],
  ["人才引进", "人才"],
  ["治安", "平安"],
  ["疫情", "新冠肺炎疫情"],
  ["新冠", "新冠肺炎"],
  ["生孩子", "生育"],
  ["小孩", "儿童"],
  ["孩子", "儿童"],
  ["残疾", "残疾人"],
  ["停车", "停车难"],
  ["堵车", "交通拥堵"],
  ["营商", "营商环境"],
  ["民营企业", "民营经济"],
  ["私企", "民营经济"],
  ["互联网", "数字"],
  ["数字化", "数字"],
  ["五年后", "到2026年"],
  ["十四五", "未来五年"],
];

/**
 * Replaces each everyday word with the report's term, so the word the report never
 * uses neither misleads retrieval nor counts as missing evidence.
 */
// Compiled once: replaceAll needs the global flag, and resets a global pattern before each use.
const REPLACEMENTS = EVERYDAY_TO_REPORT.map(([everyday, report]) => [typeof everyday === "string" ? everyday : new RegExp(everyday.source, "gu"), report, ` ${report} `] as const);

export function expandQuery(normalizedQuestion: string): string {
  let expanded = normalizedQuestion;
  for (const [pattern, report, replacement] of REPLACEMENTS) {
    if (expanded.includes(report)) continue;
    expanded = expanded.replaceAll(pattern, replacement);
  }
  return expanded;
}
