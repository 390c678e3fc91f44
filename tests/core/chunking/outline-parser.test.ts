import { describe, expect, it } from "vitest";
import { BACK_MATTER_SECTION, FRONT_MATTER_SECTION, parseOutline, type OutlineBlock } from "../../../src/core/chunking/outline-parser.js";
import { reportDocument, reportText } from "../../support/corpus.js";

const blocks = parseOutline(reportDocument);
const bodyBlocks = blocks.filter((block) => block.kind === "paragraph" || block.kind === "bullet");
const pathKey = (path: readonly string[]): string => path.join(" › ");
const bodyPaths = new Set(bodyBlocks.map((block) => pathKey(block.sectionPath)));
const blockStarting = (prefix: string): OutlineBlock | undefined => blocks.find((block) => block.span.text.startsWith(prefix));

describe("parseOutline on the report", () => {
  it("gives every block the exact span of its line in the report", () => {
    for (const block of blocks) expect(reportText.slice(block.span.start, block.span.end)).toBe(block.span.text);
  });

  it("finds the report's five top-level sections, in order", () => {
    const topLevel = [...new Set(bodyBlocks.map((block) => block.sectionPath[0]))];
    expect(topLevel).toEqual(["总体要求", "过去五年", "未来五年建设“五地一城”", "重点工作", "纵深推进 全面从严治党"]);
  });

  it("puts the general requirements directly under 总体要求", () => {
    expect(blockStarting("高举习近平新时代")?.sectionPath).toEqual(["总体要求"]);
  });

  it("nests the past five years' themes under 过去五年", () => {
    expect(blockStarting("地区生产总值从2016年")?.sectionPath).toEqual(["过去五年", "综合实力持续增强"]);
    expect(bodyPaths).toContain("过去五年 › 党的建设全面加强");
  });

  it("nests the five bases and one city under 未来五年建设“五地一城”, with the overview at the top", () => {
    expect(blockStarting("建设“五地一城”")?.sectionPath).toEqual(["未来五年建设“五地一城”"]);
    expect(blockStarting("坚持以科技创新支撑引领")?.sectionPath).toEqual(["未来五年建设“五地一城”", "建设科技创新基地"]);
    expect(bodyPaths).toContain("未来五年建设“五地一城” › 建设宜居城市");
  });

  it("labels each ● bullet of 重点工作 by its lead sentence under its numbered section", () => {
    expect(blockStarting("●做大做强工业")?.sectionPath).toEqual(["重点工作", "(二)突出产业支撑,建设先进制造业基地", "做大做强工业"]);
    expect(blockStarting("●做大做强工业")?.kind).toBe("bullet");
    expect(bodyPaths).toContain("重点工作 › (八)聚焦改革赋能,激发高质量发展动力活力 › 营造一流营商环境");
  });

  it("nests the numbered party-building sections under 纵深推进 全面从严治党, without their closing full stop", () => {
    expect(blockStarting("深刻把握“两个确立”")?.sectionPath).toEqual(["纵深推进 全面从严治党", "(一)坚持把政治建设摆在首位,铸就绝对忠诚的党性品格"]);
    expect(bodyPaths).toContain("纵深推进 全面从严治党 › (五)坚持把使命担当扛在肩上,提振干事创业精气神");
  });

  it("reads the lines before 总体要求 as the title block", () => {
    const firstHeading = blocks.findIndex((block) => block.span.text === "总体要求");
    const titleBlock = blocks.slice(0, firstHeading);
    expect(titleBlock.map((block) => block.span.text)).toEqual([
      "高质量建设同城化发展先行区 全面开启江津社会主义现代化建设新征程",
      "——中国共产党重庆市江津区第十五次代表大会报告解读",
      expect.stringContaining("作者:周杭"),
      "扫码一图读懂党代会报告",
    ]);
    for (const block of titleBlock) {
      expect(block.kind).toBe("front-matter");
      expect(block.sectionPath).toEqual([FRONT_MATTER_SECTION]);
    }
    expect(blocks.filter((block) => block.kind === "front-matter")).toHaveLength(titleBlock.length);
  });

  it("reads the trailing byline as back matter, not as part of the last section", () => {
    const last = blocks.at(-1);
    expect(last?.kind).toBe("back-matter");
    expect(last?.span.text).toBe("本版文字由 周杭 收集整理");
    expect(last?.sectionPath).toEqual([BACK_MATTER_SECTION]);
    expect(blocks.filter((block) => block.kind === "back-matter")).toHaveLength(1);
  });
});

describe("parseOutline on other layouts", () => {
  it("takes section paths from markdown # headings", () => {
    const text = "# 总则\n\n第一句在总则。\n\n## 细则\n\n第二句在细则。\n\n### 更细\n\n第三句。\n\n# 附则\n\n第四句在附则。\n";
    const paths = parseOutline({ source: "notes.md", title: "笔记", text })
      .filter((block) => block.kind === "paragraph")
      .map((block) => [block.span.text, block.sectionPath]);
    expect(paths).toEqual([
      ["第一句在总则。", ["总则"]],
      ["第二句在细则。", ["总则", "细则"]],
      ["第三句。", ["总则", "更细"]],
      ["第四句在附则。", ["附则"]],
    ]);
  });

  it("without a list of top-level headings, reads a heading followed directly by another as top level", () => {
    const text = "一份报告的标题\n\n第一部分\n\n第一部分的正文。\n\n第二部分\n\n小节甲\n\n小节甲的正文。\n\n小节乙\n\n小节乙的正文。";
    const blocksOfText = parseOutline({ source: "plain.txt", title: "一份报告", text });
    expect(blocksOfText[0]).toMatchObject({ kind: "front-matter", sectionPath: [FRONT_MATTER_SECTION] });
    expect(blocksOfText.filter((block) => block.kind === "paragraph").map((block) => block.sectionPath)).toEqual([
      ["第一部分"],
      ["第二部分", "小节甲"],
      ["第二部分", "小节乙"],
    ]);
  });

  it("shortens a long bullet lead sentence to a label of at most 32 characters ending in …", () => {
    const lead = "这是一个非常非常长的要点引导句它远远超过了三十二个字符的长度限制所以需要被截断显示";
    const text = `标题\n\n章节\n\n●${lead}。后面的句子。`;
    const bullet = parseOutline({ source: "bullets.txt", title: "标题", text }).find((block) => block.kind === "bullet");
    const label = bullet?.sectionPath.at(-1) ?? "";
    expect(label.length).toBeLessThanOrEqual(32);
    expect(label.endsWith("…")).toBe(true);
    expect(lead.startsWith(label.slice(0, -1))).toBe(true);
  });
});
