/**
 * The words a question is made of besides its topic, in the forms Chinese questions use.
 * Removed or recognised before the topic words are weighed against the report.
 */

const QUESTION_WORD_LIST = [
  "是多少", "有多少", "为多少", "多少", "多长", "多远", "多久", "多宽", "多快", "多重", "哪几个", "哪几项", "哪几", "哪一些", "哪些", "哪个", "哪里", "哪儿", "哪家", "哪条",
  "什么样", "是什么", "有什么", "什么", "怎么样", "怎么", "怎样", "如何", "为何", "为什么", "是否", "有没有", "是不是",
  "能不能", "请问", "请告诉我", "告诉我", "一下", "介绍", "具体", "主要", "分别", "情况", "方面", "内容", "报告中", "报告里",
  "报告", "提到", "提出", "提及", "说了", "关于", "大概", "大约", "左右", "目标是", "计划", "打算", "准备", "几个", "几项",
  "几条", "几次", "叫做", "名字", "名称", "称为", "这篇", "这份", "文章", "本文", "以后", "今后", "将来", "现在", "目前",
  "这几年", "近几年", "这些年", "接下来", "下一步", "这块", "这一块", "能否", "可以", "能够", "有何", "什么样的",
  "哪一年", "哪年", "什么时候", "何时", "哪天", "几", "谁", "吗", "呢", "吧", "啊", "呀", "么", "叫", "的", "了", "是",
] as const;
/** Longest first: removing 多少 must not leave 少 behind from 有多少. */
export const QUESTION_WORDS: readonly string[] = [...QUESTION_WORD_LIST].sort((left, right) => right.length - left.length);

/**
 * Everyday words of questions about any topic ("已经拿到了什么", "一共多少", "有多大"):
 * not the report's vocabulary, and no evidence either way about whether it answers.
 */
export const GENERIC_QUESTION_TERMS = new Set([
  "已经", "拿到", "得到", "取得", "一共", "总共", "多大", "多高", "多少", "一年", "每年", "平均", "状态", "进展", "地方",
  "想去", "还想", "又要", "还能", "能坐", "包括", "意思", "构成", "组成", "程度", "照顾", "主推", "怎样", "样子", "这样",
  "那样", "这里", "那里", "里面", "其中", "之中", "以及", "还有", "哪儿", "部分", "打算", "政策", "方向", "措施", "举措",
  "做法", "工作", "问题", "东西", "事情", "水平", "成效", "效果", "结果", "变化", "未来", "过去", "今年", "去年", "明年",
  "几年", "五年", "最近", "近年", "当前", "眼下", "下面", "上面", "具体", "详细", "简单", "大概", "大致", "什么", "指的",
  "所谓", "放在", "称号", "名头", "牌子", "说法", "提法", "称作", "叫作", "句话", "几句", "一句", "如今", "同时", "另外", "分别",
]);
// "好不好", "快不快": a yes/no frame around a word, not content.
export const A_NOT_A = /(\p{Script=Han})不\1/gu;
// "哪五个", "哪两个", "哪三类": which-N-of questions.
export const WHICH_COUNT = /哪[\d一二三四五六七八九十两几]*[个项条类种大部位家座点方]?/gu;

// Single characters that carry grammar, not topic, when the segmenter leaves them alone.
export const FUNCTION_CHARACTERS = new Set([..."第到有指在和与及对从把被给让向为以于所其这那哪个些次年上中下后前都要会将还能去里又也就再想"]);

export const FUNCTION_CHARACTER_RUN = new RegExp(`[${[...FUNCTION_CHARACTERS].join("")}]+`, "u");

// Openers of an elliptical follow-up ("那到2026年呢?").
export const FOLLOW_UP_OPENERS = /^(那|那么|那个|还有|另外|它|它们|其|这个|这些|该|此|同时|然后)/u;

export const PAST_MARKERS = /已经|过去|取得|拿到|获得|获评|这几年|近几年|这些年|以来|成效|成绩|现在|目前/u;
export const FUTURE_MARKERS = /下一步|今后|未来|将来|以后|接下来|计划|打算|要争|还想|又要|将要|准备|目标/u;
export const CHINESE_COUNTS: Record<string, number> = { 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

