import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { BENCH_PARTS, parseBenchOptions } from "../../src/bench/options.js";
import { markdownTable, missedTargets, type BenchResults } from "../../src/bench/report.js";
import { formatBytes, formatMilliseconds, formatRatio, median, percentile, ratio } from "../../src/bench/stats.js";
import { QaError } from "../../src/core/errors.js";
import { captureError } from "../support/capture-error.js";

const run = promisify(execFile);

describe("parseBenchOptions", () => {
  it("runs every part with the defaults when given nothing", () => {
    const options = parseBenchOptions([]);
    expect([...options.only]).toEqual([...BENCH_PARTS]);
    expect(options).toMatchObject({ rounds: 7, runs: 3, duration: 3, json: false, writeDocs: true, help: false });
  });

  it("reads --scales as a sorted, de-duplicated list of multiples from 1 to 1000 (default 1,10,100,1000)", () => {
    expect(parseBenchOptions([]).scales).toEqual([1, 10, 100, 1000]);
    expect(parseBenchOptions(["--scales", "100, 1,10,10"]).scales).toEqual([1, 10, 100]);
    expect(() => parseBenchOptions(["--scales", "0"])).toThrow(/--scales must be between 1 and 1000/u);
    expect(() => parseBenchOptions(["--scales", "2000"])).toThrow(/--scales must be between 1 and 1000/u);
    expect(() => parseBenchOptions(["--scales", "1,x"])).toThrow(/--scales must be a whole number/u);
  });

  it("reads --only lists, --rounds, --runs, --duration, --json and --no-docs, with = or a separate value", () => {
    const options = parseBenchOptions(["--only", "retrieval, widget", "--rounds=9", "--runs", "2", "--duration", "3", "--json", "--no-docs"]);
    expect([...options.only]).toEqual(["retrieval", "widget"]);
    expect(options).toMatchObject({ rounds: 9, runs: 2, duration: 3, json: true, writeDocs: false });
  });

  it.each([
    [["--only", "retrieval,speed"], /unknown part "speed"/],
    [["--only"], /--only needs a value/],
    [["--rounds", "0"], /--rounds must be between 1 and 1000/],
    [["--rounds", "2.5"], /--rounds must be a whole number/],
    [["--rounds", "-3"], /--rounds needs a value|whole number/],
    [["--duration", "600"], /--duration must be between 1 and 60/],
    [["--rounds", "3", "--rounds", "4"], /given twice/],
    [["--json=yes"], /takes no value/],
    [["--fast"], /Unknown option --fast/],
    [["retrieval"], /Unexpected argument "retrieval"/],
  ])("refuses %j with a usage error naming the problem", (argv, message) => {
    const caught = captureError(() => parseBenchOptions(argv));
    expect(caught).toBeInstanceOf(QaError);
    expect((caught as QaError).code).toBe("invalid_parameter");
    expect((caught as QaError).message).toMatch(message);
    expect((caught as QaError).message).toContain("Usage: npm run bench");
  });

  it("exits 2 with the message when the command is given a bad option", async () => {
    const failure = await run("npx", ["tsx", "src/cli/bench.ts", "--only", "nope"]).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toMatch(/unknown part "nope"/);
  });
});

describe("statistics", () => {
  it("takes the median of odd and even samples without reordering the input", () => {
    const samples = [5, 1, 3];
    expect(median(samples)).toBe(3);
    expect(samples).toEqual([5, 1, 3]);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it("interpolates percentiles between closest ranks", () => {
    const samples = Array.from({ length: 101 }, (_, index) => index);
    expect(percentile(samples, 0)).toBe(0);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([1, 2], 97.5)).toBeCloseTo(1.975);
    expect(percentile([10, 20, 30, 40], 50)).toBe(25);
  });

  it("refuses empty samples, non-finite values and percentiles outside 0–100", () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => median([1, Number.NaN])).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
  });

  it("forms ratios only against a positive baseline and formats them", () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(1, 0)).toBeUndefined();
    expect(ratio(Number.NaN, 1)).toBeUndefined();
    expect(formatRatio(1.5)).toBe("1.50×");
    expect(formatRatio(0.046)).toBe("0.05×");
    expect(formatRatio(12.34)).toBe("12.3×");
    expect(formatRatio(undefined)).toBe("n/a");
    expect(formatRatio(Number.POSITIVE_INFINITY)).toBe("n/a");
  });

  it("formats milliseconds and bytes at a precision that suits their size", () => {
    expect(formatMilliseconds(0.01234)).toBe("0.0123 ms");
    expect(formatMilliseconds(1.234)).toBe("1.23 ms");
    expect(formatMilliseconds(123.4)).toBe("123 ms");
    expect(formatMilliseconds(Number.NaN)).toBe("n/a");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(12_800)).toBe("12.5 KB");
    expect(formatBytes(3 * 1024 * 1024)).toBe("3.0 MB");
  });
});

describe("the results table", () => {
  const results: BenchResults = {
    startedAt: "2026-01-01T00:00:00.000Z",
    totalSeconds: 1,
    machine: { cpu: "test cpu", cores: 2, memoryGiB: 4, node: "v20.0.0", platform: "linux", loadAverage: 0 },
    options: { only: ["retrieval"], rounds: 5, runs: 3, duration: 5 },
    parts: [
      {
        part: "retrieval",
        seconds: 1,
        details: {},
        rows: [
          { part: "retrieval", metric: "a | b", value: "1.20×", measured: 1.2, unit: "×", target: "≤ 1.5×", met: true },
          { part: "retrieval", metric: "ask p50", value: "4.00 ms", measured: 4, unit: "ms", target: "≤ 3 ms", met: false },
          { part: "retrieval", metric: "no target", value: "1 ms", measured: 1, unit: "ms" },
        ],
      },
      { part: "scale", seconds: 0, details: {}, rows: [{ part: "scale", metric: "recall", value: "not yet measured", measured: null, unit: "", target: "≥ 0.98" }], error: "no scale runs yet" },
    ],
  };

  it("has target and met? columns, says NO plainly, and escapes pipes", () => {
    const table = markdownTable(results);
    expect(table.split("\n")[0]).toBe("| part | metric | median | target | met? | note |");
    expect(table).toContain("| retrieval | a \\| b | 1.20× | ≤ 1.5× | yes |");
    expect(table).toContain("| ask p50 | 4.00 ms | ≤ 3 ms | **NO** |");
    expect(table).toContain("| recall | not yet measured | ≥ 0.98 | not measured |");
    expect(missedTargets(results).map((row) => row.metric)).toEqual(["ask p50"]);
  });
});
