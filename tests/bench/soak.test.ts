import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { QaError } from "../../src/core/errors.js";
import { parseLoadOptions } from "../../src/load/options.js";
import { DISTINCT_WORDINGS_PER_QUESTION, questionMix } from "../../src/load/soak.js";
import { DEFAULT_ANSWER_CACHE_ENTRIES } from "../../src/core/pipeline/answer-cache.js";
import { answerBodyProblem, completionBodyProblem, parseVmRss, rssGrowth, soakFailures, soakTable, type RssSample, type SoakMeasurements } from "../../src/load/verdict.js";
import { captureError } from "../support/capture-error.js";

const run = promisify(execFile);

const samples = (...megabytes: number[]): RssSample[] => megabytes.map((mb, second) => ({ atSeconds: second, rssBytes: mb * 1024 * 1024 }));

/** A soak that passed: only 200s, every body an answer, flat memory, healthy after. */
function passing(overrides: Partial<SoakMeasurements> = {}): SoakMeasurements {
  return {
    seconds: 60,
    connections: 100,
    responses: 6000,
    requestsPerSecond: 100,
    latency: { p50: 500, p975: 900, p99: 1200 },
    statusCodes: { "200": 6000 },
    errors: 0,
    timeouts: 0,
    errorKinds: {},
    errorWindow: null,
    bodiesChecked: 6000,
    badBodies: 0,
    badBodyExamples: [],
    rssSamples: samples(...Array.from({ length: 61 }, (_, second) => (second < 10 ? 80 + second * 4 : 120 + (second - 10) * 0.1))),
    serverExit: null,
    healthAfter: 200,
    ...overrides,
  };
}

describe("parseLoadOptions", () => {
  it("defaults to 60 s at 100 connections", () => {
    expect(parseLoadOptions([])).toEqual({ seconds: 60, connections: 100, help: false });
  });

  it("reads --seconds and --connections with = or a separate value, and --help", () => {
    expect(parseLoadOptions(["--seconds", "20", "--connections=8"])).toEqual({ seconds: 20, connections: 8, help: false });
    expect(parseLoadOptions(["-h"]).help).toBe(true);
  });

  it.each([
    [["--seconds", "10"], /--seconds must be between 15 and 3600/],
    [["--seconds", "1.5"], /--seconds must be a whole number/],
    [["--connections", "0"], /--connections must be between 1 and 1000/],
    [["--connections", "many"], /--connections must be a whole number/],
    [["--connections"], /--connections needs a value/],
    [["--seconds", "--connections", "4"], /--seconds needs a value/],
    [["--seconds", "20", "--seconds", "30"], /given twice/],
    [["--help=yes"], /takes no value/],
    [["--duration", "5"], /Unknown option --duration/],
    [["60"], /Unexpected argument "60"/],
  ])("refuses %j with a usage error naming the problem", (argv, message) => {
    const caught = captureError(() => parseLoadOptions(argv));
    expect(caught).toBeInstanceOf(QaError);
    expect((caught as QaError).code).toBe("invalid_parameter");
    expect((caught as QaError).message).toMatch(message);
    expect((caught as QaError).message).toContain("Usage: npm run test:load");
  });

  it("exits 2 with the message, before starting any server, when given a bad option", async () => {
    const failure = await run("npx", ["tsx", "src/cli/load.ts", "--connections", "0"]).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/--connections must be between 1 and 1000/);
  });
});

describe("parseVmRss", () => {
  it("reads VmRSS in kB from /proc/<pid>/status text as bytes", () => {
    const status = "Name:\tnode\nVmPeak:\t 1200000 kB\nVmRSS:\t  123456 kB\nRssAnon:\t 100000 kB\n";
    expect(parseVmRss(status)).toBe(123456 * 1024);
  });

  it("is undefined when there is no VmRSS line (a zombie, another OS's format)", () => {
    expect(parseVmRss("Name:\tnode\nState:\tZ (zombie)\n")).toBeUndefined();
    expect(parseVmRss("")).toBeUndefined();
  });
});

describe("rssGrowth", () => {
  it("compares the first sample at or after the 10th second with the last one", () => {
    const growth = rssGrowth(samples(50, 60, 70, 80, 90, 95, 98, 99, 100, 100, 100, 101, 103, 105));
    expect(growth?.atWarmup).toEqual({ atSeconds: 10, rssBytes: 100 * 1024 * 1024 });
    expect(growth?.atEnd.atSeconds).toBe(13);
    expect(growth?.peak.atSeconds).toBe(13);
    expect(growth?.growth).toBeCloseTo(0.05);
  });

  it("ignores start-up growth before the warm-up point and reports shrinking as negative", () => {
    const growth = rssGrowth(samples(10, 20, 40, 80, 100, 120, 99, 98), 4);
    expect(growth?.growth).toBeCloseTo(-0.02);
    expect(growth?.peak).toEqual({ atSeconds: 5, rssBytes: 120 * 1024 * 1024 });
  });

  it("takes samples in time order whatever order they came in, and uses irregular times", () => {
    const growth = rssGrowth([
      { atSeconds: 12.1, rssBytes: 220 },
      { atSeconds: 9.9, rssBytes: 100 },
      { atSeconds: 10.2, rssBytes: 200 },
    ]);
    expect(growth?.atWarmup.atSeconds).toBe(10.2);
    expect(growth?.growth).toBeCloseTo(0.1);
  });

  it("is undefined with no sample past the warm-up point, or nothing after it", () => {
    expect(rssGrowth([])).toBeUndefined();
    expect(rssGrowth(samples(1, 2, 3))).toBeUndefined();
    expect(rssGrowth(samples(...Array.from({ length: 11 }, () => 100)))).toBeUndefined();
  });
});

describe("answerBodyProblem", () => {
  it("accepts a JSON object with a non-empty string answer, abstentions included", () => {
    expect(answerBodyProblem(JSON.stringify({ answer: "约1200亿元[1]", citations: [] }))).toBeUndefined();
    expect(answerBodyProblem(JSON.stringify({ answer: "报告中没有找到相关内容。", abstained: "no_evidence" }))).toBeUndefined();
  });

  it.each([
    ["not JSON", "<html>oops</html>", /not JSON/],
    ["truncated JSON", '{"answer": "约12', /not JSON/],
    ["an array", "[1,2]", /not a JSON object/],
    ["null", "null", /not a JSON object/],
    ["no answer", '{"error":{"code":"timeout"}}', /no non-empty string "answer"/],
    ["an empty answer", '{"answer":"  "}', /no non-empty string "answer"/],
    ["a non-string answer", '{"answer":42}', /no non-empty string "answer"/],
  ])("names the problem with %s", (_name, body, message) => {
    expect(answerBodyProblem(body)).toMatch(message);
  });
});

describe("completionBodyProblem", () => {
  it("accepts a chat completion with content, and names what is missing otherwise", () => {
    expect(completionBodyProblem(JSON.stringify({ object: "chat.completion", choices: [{ message: { role: "assistant", content: "约1200亿元[1]" } }] }))).toBeUndefined();
    expect(completionBodyProblem("<html>")).toMatch(/not JSON/u);
    expect(completionBodyProblem("null")).toMatch(/no choices\[0\]\.message\.content/u);
    expect(completionBodyProblem(JSON.stringify({ choices: [{ message: { content: " " } }] }))).toMatch(/no choices/u);
    expect(completionBodyProblem(JSON.stringify({ error: { message: "x" } }))).toMatch(/no choices/u);
  });
});

describe("soakFailures", () => {
  it("passes a clean soak whose memory settled after warm-up", () => {
    expect(soakFailures(passing())).toEqual([]);
  });

  it("fails on 5xx, naming the codes and what a 503 means", () => {
    const failures = soakFailures(passing({ statusCodes: { "200": 5990, "503": 8, "500": 2 } }));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^10 5xx responses \(by code: \{"500":2,"503":8\}\)/);
    expect(failures[0]).toMatch(/MAX_IN_FLIGHT|REQUEST_TIMEOUT_MS/);
  });

  it("fails on any other non-2xx, e.g. a rate limit left on", () => {
    expect(soakFailures(passing({ statusCodes: { "200": 5000, "429": 1000 } }))).toEqual([expect.stringMatching(/^1000 other non-2xx responses \(by code: \{"429":1000\}\)/)]);
  });

  it("fails on socket errors and on timeouts separately (autocannon counts timeouts among errors)", () => {
    const failures = soakFailures(passing({ errors: 3, timeouts: 1, errorKinds: { "read ECONNRESET": 2, "request timed out": 1 }, errorWindow: [4.5, 30.2] }));
    expect(failures).toEqual([expect.stringMatching(/^2 socket errors \(by message: .*"read ECONNRESET":2.*, between 4\.5 s and 30\.2 s into the load\)/), expect.stringMatching(/^1 client timeouts \(no response within the load generator's 20 s/)]);
    expect(soakFailures(passing({ errors: 2, timeouts: 2 }))).toEqual([expect.stringMatching(/^2 client timeouts/)]);
  });

  it("fails when a 2xx body is not an answer, quoting one", () => {
    const failures = soakFailures(passing({ badBodies: 2, badBodyExamples: ["body is not JSON: \"x\""] }));
    expect(failures).toEqual([expect.stringMatching(/^2 of 6000 checked 2xx bodies are not an answer, e.g. body is not JSON/)]);
  });

  it("fails at 10% RSS growth from the 10th second, not just under it", () => {
    const flat = Array.from({ length: 10 }, () => 100);
    expect(soakFailures(passing({ rssSamples: samples(50, ...flat.slice(1), 100, 105, 109.9) }))).toEqual([]);
    const failures = soakFailures(passing({ rssSamples: samples(50, ...flat.slice(1), 100, 105, 110) }));
    expect(failures).toEqual([expect.stringMatching(/^server RSS grew 10\.0% from 100\.0 MB at 10 s to 110\.0 MB at 12 s \(limit < 10%\)/)]);
  });

  it("fails when RSS could not be measured, saying why, or when too few samples came in", () => {
    expect(soakFailures(passing({ rssSamples: [], rssUnavailable: "RSS sampling is Linux-only" }))).toEqual(["server RSS was not measured: RSS sampling is Linux-only"]);
    expect(soakFailures(passing({ rssSamples: samples(1, 2, 3) }))).toEqual([expect.stringMatching(/too few RSS samples/)]);
  });

  it("fails when nothing answered, when the server died, or when it is unhealthy after", () => {
    const silent = soakFailures(passing({ responses: 0, statusCodes: {}, bodiesChecked: 0, errors: 100, timeouts: 100 }));
    expect(silent[0]).toBe("the server answered no requests at all.");
    expect(soakFailures(passing({ serverExit: "killed by SIGKILL", healthAfter: null }))).toEqual(["the server process died during the load (killed by SIGKILL)."]);
    expect(soakFailures(passing({ healthAfter: 503 }))).toEqual(["GET /api/health after the load answered 503, not 200."]);
    expect(soakFailures(passing({ healthAfter: null }))).toEqual(["GET /api/health after the load answered nothing, not 200."]);
  });
});

describe("soakTable", () => {
  it("shows req/s, the latency percentiles and RSS at 10 s, at the end and its growth", () => {
    const table = soakTable(passing());
    expect(table).toMatch(/\| req\/s +\| 100\.0 \|/);
    expect(table).toMatch(/\| latency p50 +\| 500 ms \|/);
    expect(table).toMatch(/\| latency p97\.5 +\| 900 ms \|/);
    expect(table).toMatch(/\| latency p99 +\| 1200 ms \|/);
    expect(table).toMatch(/\| RSS at 10 s +\| 120\.0 MB \(sampled at 10\.0 s\) \|/);
    expect(table).toMatch(/\| RSS at end +\| 125\.0 MB \(sampled at 60\.0 s\) \|/);
    expect(table).toMatch(/\| RSS peak after 10 s +\| 125\.0 MB \(at 60\.0 s\) \|/);
    expect(table).toMatch(/\| RSS growth +\| \+4\.2% \(limit < 10%\) \|/);
  });

  it("says n/a and why when RSS was not measured", () => {
    const table = soakTable(passing({ rssSamples: [], rssUnavailable: "Linux-only" }));
    expect(table).toMatch(/\| RSS at 10 s +\| n\/a \|/);
    expect(table).toMatch(/\| RSS growth +\| Linux-only \|/);
  });
});

describe("questionMix", () => {
  it("alternates repeated gold questions with wordings that recur less often than the answer cache can hold", () => {
    const questions = Array.from({ length: 143 }, (_, index) => `问题${index}`);
    const mix = questionMix(questions);
    const sent = Array.from({ length: 2 * 143 * 20 }, () => mix.next());
    const repeats = sent.filter((_, index) => index % 2 === 0);
    const fresh = sent.filter((_, index) => index % 2 === 1);
    expect(new Set(repeats).size).toBe(143);
    expect(fresh.every((question) => !questions.includes(question))).toBe(true);
    // Between two sends of the same fresh wording, more distinct questions pass than the cache keeps.
    const lastSeen = new Map<string, number>();
    let shortestGap = Number.POSITIVE_INFINITY;
    sent.forEach((question, index) => {
      const previous = lastSeen.get(question);
      if (previous !== undefined && !questions.includes(question)) shortestGap = Math.min(shortestGap, index - previous);
      lastSeen.set(question, index);
    });
    expect(143 * DISTINCT_WORDINGS_PER_QUESTION).toBeGreaterThan(DEFAULT_ANSWER_CACHE_ENTRIES);
    expect(shortestGap / 2).toBeGreaterThan(DEFAULT_ANSWER_CACHE_ENTRIES);
  });
});
