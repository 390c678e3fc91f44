/**
 * Everyday words people type, mapped to the report's own vocabulary. The report says
 * 地区生产总值, readers say GDP; it says 可支配收入, they say 收入 or 工资. Rewriting
 * the question before retrieval and support scoring lets such questions match without
 * a neural model. Entries are general vocabulary of planning reports, not answers.
 */
const EVERYDAY_TO_REPORT: readonly (readonly [everyday: string, report: string])[] = [
  ["gdp", "地区生产总值"],
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
  ["高铁", "铁路"],
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
 * Appends the report's term after each everyday word found (keeping the original, so
 * a question that already uses report words is unchanged in meaning).
 */
export function expandQuery(normalizedQuestion: string): string {
  const additions: string[] = [];
  for (const [everyday, report] of EVERYDAY_TO_REPORT) {
    if (everyday !== report && normalizedQuestion.includes(everyday) && !normalizedQuestion.includes(report)) additions.push(report);
  }
  return additions.length > 0 ? `${normalizedQuestion} ${additions.join(" ")}` : normalizedQuestion;
}
