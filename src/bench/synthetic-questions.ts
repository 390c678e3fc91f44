/**
 * Questions for the segmenter bench, written for it from the report's vocabulary (not taken
 * from eval/, so the measurement stays independent of the gold sets): every topic in every
 * phrasing below, 48 × 7 = 336 questions. The phrasings are the kinds readers use — formal,
 * colloquial, Chongqing dialect, keyword-only, numeric, how/why, and mixed with Latin or
 * digits — since a segmenter sees questions far more often than report text.
 */
const TOPICS = [
  "地区生产总值", "森林覆盖率", "空气优良天数", "城乡居民人均可支配收入", "轨道交通", "西部(重庆)科学城江津片区",
  "综合保税区", "乡村振兴", "休闲旅游", "四面山", "营商环境", "全面从严治党", "教育强区", "健康江津", "平安江津",
  "研发投入", "数字经济", "先进制造业", "消费品", "陆港型综合物流基地", "珞璜港", "小南垭", "成渝地区双城经济圈",
  "白沙古镇", "花椒", "富硒产业", "长江", "高速公路", "义务教育", "招商引资", "民营经济", "碳达峰", "河长制",
  "人才引进", "汽摩产业", "装备制造", "文旅融合", "专精特新", "五地一城", "水公铁多式联运", "放管服改革", "一江津彩",
  "七干两枢纽", "四好农村路", "十年禁渔", "揭榜挂帅", "津鹰计划", "一主两副六节点多特色",
];

const PHRASINGS: readonly ((topic: string) => string)[] = [
  (topic) => `报告中关于${topic}的目标是什么?`,
  (topic) => `江津的${topic}现在搞得怎么样了`,
  (topic) => `${topic}啷个弄哦,要得不?`,
  (topic) => `${topic}`,
  (topic) => `到2026年${topic}要达到多少?比2021年增长了百分之几`,
  (topic) => `为什么要抓${topic},具体有哪些措施?`,
  (topic) => `What does the report say about ${topic}? 有没有提到5G和GDP`,
];

export function syntheticQuestions(): string[] {
  return TOPICS.flatMap((topic) => PHRASINGS.map((phrase) => phrase(topic)));
}
