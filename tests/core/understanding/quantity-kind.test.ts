import { describe, expect, it } from "vitest";
import { normalizeText } from "../../../src/core/text/normalize.js";
import { askedQuantityKind, statesQuantityKind, type QuantityKind } from "../../../src/core/understanding/quantity-kind.js";

const asked = (question: string): QuantityKind | undefined => askedQuantityKind(normalizeText(question));
const states = (kind: QuantityKind, quote: string): boolean => statesQuantityKind(kind, normalizeText(quote));

describe("askedQuantityKind: the kind of figure a how-many question asks for", () => {
  it("reads 占比 / 比例 / 百分之 as a share", () => {
    expect(asked("绿色建筑占比是多少?")).toBe("share");
    expect(asked("城镇人口的比例是多少?")).toBe("share");
    expect(asked("森林覆盖率达到百分之多少?")).toBe("share");
    expect(asked("What is the percentage of green buildings?")).toBe("share");
  });

  it("reads 面积 as an area", () => {
    expect(asked("城镇建成区面积有多大?")).toBe("area");
    expect(asked("江津有多少平方公里?")).toBe("area");
  });

  it("reads 多少人 / 人口 as a count", () => {
    expect(asked("江津有多少人?")).toBe("count");
    expect(asked("江津常住人口是多少?")).toBe("count");
    expect(asked("有几家上市公司?")).toBe("count");
    expect(asked("How many people live in Jiangjin?")).toBe("count");
  });

  it("reads an English how-many about enterprises as a count (enterprise is no growth word)", () => {
    expect(asked("How many listed companies are there?")).toBe("count");
    expect(asked("How many enterprises are there?")).toBe("count");
  });

  it("reads 多少钱 / 预算 as an amount", () => {
    expect(asked("修这条路要花多少钱?")).toBe("amount");
    expect(asked("项目预算是多少?")).toBe("amount");
    expect(asked("What is the budget of the project?")).toBe("amount");
  });

  it("reads a how-much in 亿元 / 万元 as an amount, as it reads 多少元", () => {
    expect(asked("人均可支配收入是多少元?")).toBe("amount");
    expect.soft(asked("总投资多少亿元?"), "总投资多少亿元?").toBe("amount");
    expect.soft(asked("补贴多少万元?"), "补贴多少万元?").toBe("amount");
  });

  it("reads 多长 / 多远 as a length, but not 多长时间 (a duration)", () => {
    expect(asked("这条铁路有多长?")).toBe("length");
    expect(asked("建成需要多长时间?")).toBeUndefined();
  });

  it("names no kind for growth questions, which may want a rate or what it grew to", () => {
    expect(asked("地区生产总值年均增长多少?")).toBeUndefined();
    expect(asked("gdp涨了多少?")).toBeUndefined();
    expect(asked("规上工业企业增加了多少家?")).toBeUndefined();
  });

  it("still reads a share in a growth question (增长的比例)", () => {
    expect(asked("研发投入增长的比例是多少?")).toBe("share");
  });

  it("names no kind for an ordinal (第几个), though 几个 alone is a count", () => {
    expect(asked("江津是第几个获评的区?")).toBeUndefined();
    expect(asked("江津有几个获评的镇?")).toBe("count");
  });

  it("names no kind for a how-many question without a kind word", () => {
    expect(asked("地区生产总值目标是多少?")).toBeUndefined();
  });
});

describe("statesQuantityKind: whether a quote states a figure of the asked kind", () => {
  const share = "城镇化率达到78.5%";
  const area = "城镇建成区面积126.79平方公里";
  const count = "新增上市企业23家";
  const amount = "地区生产总值达1800亿元左右";

  it("finds each kind in the quote that states it", () => {
    expect(states("share", share)).toBe(true);
    expect(states("area", area)).toBe(true);
    expect(states("count", count)).toBe(true);
    expect(states("amount", amount)).toBe(true);
  });

  it("does not take one kind of figure for another", () => {
    // A share for a total, an amount for a count, an area for a length: each is no answer.
    for (const kind of ["area", "count", "amount"] as const) expect.soft(states(kind, share), `${kind} in ${share}`).toBe(false);
    for (const kind of ["share", "count", "amount", "length"] as const) expect.soft(states(kind, area), `${kind} in ${area}`).toBe(false);
    for (const kind of ["share", "area", "amount"] as const) expect.soft(states(kind, count), `${kind} in ${count}`).toBe(false);
    for (const kind of ["share", "area", "count"] as const) expect.soft(states(kind, amount), `${kind} in ${amount}`).toBe(false);
  });

  it("reads shares written in words, lengths, and counts in Chinese numerals", () => {
    expect(states("share", "占百分之三十")).toBe(true);
    expect(states("length", "轨道交通里程达到200公里")).toBe(true);
    expect(states("count", "建设五个产业园区")).toBe(true);
  });

  it("finds no figure in a quote without one", () => {
    for (const kind of ["share", "area", "count", "amount", "length"] as const) expect.soft(states(kind, "全面建设社会主义现代化国家"), kind).toBe(false);
  });
});
