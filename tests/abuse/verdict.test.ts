import { describe, expect, it } from "vitest";
import { QaError } from "../../src/core/errors.js";
import { parseAbuseOptions, ATTACK_NAMES } from "../../src/abuse/options.js";
import { abuseFailures, abuseTable, isDocumented5xx, type AbuseMeasurements, type AttackResult, type Probe } from "../../src/abuse/verdict.js";
import { captureError } from "../support/capture-error.js";

const MB = 1024 * 1024;
const probe = (overrides: Partial<Probe> = {}): Probe => ({ phase: "after", status: 200, ending: "response", ms: 12, ...overrides });

function attack(overrides: Partial<AttackResult> = {}): AttackResult {
  return {
    name: "unfinished-bodies",
    requests: 100,
    outcomes: [
      { label: "429", status: 429, count: 30, example: "POST /api/ask Content-Length 100, 3 bytes, silence" },
      { label: "503 overloaded", status: 503, code: "overloaded", count: 40, example: "POST /api/verify chunked, no terminator, silence" },
      { label: "503 timeout", status: 503, code: "timeout", count: 20, example: "POST /api/ask Content-Length 100, 3 bytes, silence" },
      { label: "hung-up", status: null, count: 10, example: "POST /api/feedback Content-Length 100, 3 bytes, RST" },
    ],
    unexpected: { count: 0, examples: [] },
    probes: [probe({ phase: "during", status: 503, code: "overloaded", ms: 3 }), probe()],
    feedbackBytesAdded: 0,
    mayWriteFeedback: false,
    rssAfterBytes: 100 * MB,
    ms: 6000,
    ...overrides,
  };
}

/** A run that passed: documented 503s only, probes answered, memory back, server alive. */
function passing(overrides: Partial<AbuseMeasurements> = {}): AbuseMeasurements {
  return {
    settings: { requestTimeoutMs: 2000, maxInFlight: 32, maxBodyBytes: 65536, rateLimitPerMinute: 300, rateLimitBurst: 6 },
    attacks: [attack()],
    finalProbe: probe({ ms: 4 }),
    rss: { startBytes: 100 * MB, endBytes: 110 * MB, settleMs: 1000 },
    serverExit: null,
    seconds: 30,
    ...overrides,
  };
}

describe("isDocumented5xx", () => {
  it("allows only 503 with overloaded, timeout or a storage code", () => {
    expect(["overloaded", "timeout", "storage_full", "storage_unavailable"].every((code) => isDocumented5xx(503, code))).toBe(true);
    expect(isDocumented5xx(503, "internal")).toBe(false);
    expect(isDocumented5xx(503, undefined)).toBe(false);
    expect(isDocumented5xx(500, "timeout")).toBe(false);
  });
});

describe("abuseFailures", () => {
  it("passes a run with documented 503s, 4xx and hung-up sockets, and RSS up less than 20%", () => {
    expect(abuseFailures(passing())).toEqual([]);
  });

  it("fails on an undocumented 5xx, naming the attack, the code and an example request", () => {
    const broken = attack({ name: "pathological-texts", outcomes: [{ label: "500 internal", status: 500, code: "internal", count: 2, example: "POST /api/ask question as deeply nested arrays" }] });
    expect(abuseFailures(passing({ attacks: [broken] }))).toEqual([
      "pathological-texts: 2 × 500 internal, not a documented 503 (overloaded, timeout, storage); e.g. POST /api/ask question as deeply nested arrays.",
    ]);
    const odd503 = attack({ outcomes: [{ label: "503 index_missing", status: 503, code: "index_missing", count: 1, example: "x" }] });
    expect(abuseFailures(passing({ attacks: [odd503] }))).toEqual([expect.stringMatching(/^unfinished-bodies: 1 × 503 index_missing, not a documented 503/)]);
  });

  it("fails on requests that went wrong, quoting up to three examples", () => {
    const failures = abuseFailures(passing({ attacks: [attack({ name: "cross-origin", requests: 18, unexpected: { count: 18, examples: ["a: accepted", "b: accepted", "c: accepted", "d: accepted"] } })] }));
    expect(failures).toEqual(["cross-origin: 18 of 18 requests went wrong, e.g. a: accepted; b: accepted; c: accepted."]);
  });

  it("fails when an attack that may store nothing grew feedback.jsonl, not when one that may did", () => {
    expect(abuseFailures(passing({ attacks: [attack({ name: "cross-origin", feedbackBytesAdded: 822 })] }))).toEqual([expect.stringMatching(/^cross-origin: feedback\.jsonl grew by 822 B; none of these requests may store anything\./)]);
    expect(abuseFailures(passing({ attacks: [attack({ feedbackBytesAdded: 5000, mayWriteFeedback: true })] }))).toEqual([]);
  });

  it("fails when the probe after an attack is not 200 within 1 s: refused, slow, or unanswered", () => {
    const with503 = abuseFailures(passing({ attacks: [attack({ name: "slot-capacity", probes: [probe({ status: 503, code: "overloaded", ms: 2 })] })] }));
    expect(with503).toEqual(["slot-capacity: 1 of 1 probe questions failed; first answered 503 overloaded in 2.00 ms (expected 200 within 1000 ms)."]);
    expect(abuseFailures(passing({ attacks: [attack({ probes: [probe({ ms: 1001 })] })] }))).toEqual([expect.stringMatching(/first answered 200 in 1001 ms \(expected 200 within 1000 ms\)/)]);
    expect(abuseFailures(passing({ attacks: [attack({ probes: [probe({ status: null, ending: "gave-up", ms: 10_000 })] })] }))).toEqual([expect.stringMatching(/first answered no response \(gave-up\) in 10000 ms/)]);
    expect(abuseFailures(passing({ attacks: [attack({ probes: [probe({ ms: 1000 })] })] }))).toEqual([]);
  });

  it("lets a probe during an attack be refused by a bound, but not answered past REQUEST_TIMEOUT_MS", () => {
    expect(abuseFailures(passing({ attacks: [attack({ probes: [probe({ phase: "during", status: 503, code: "overloaded", ms: 1900 })] })] }))).toEqual([]);
    const blocked = abuseFailures(passing({ attacks: [attack({ name: "pathological-texts", probes: [probe({ phase: "during", ms: 6843 }), probe()] })] }));
    expect(blocked).toEqual([expect.stringMatching(/^pathological-texts: 1 of 2 probe questions failed; first answered 200 in 6843 ms while the attack ran \(expected 200 or a documented 503 within REQUEST_TIMEOUT_MS=2000 ms\)/)]);
    expect(abuseFailures(passing({ attacks: [attack({ probes: [probe({ phase: "during", status: 500, code: "internal", ms: 5 })] })] }))).toHaveLength(1);
  });

  it("fails at RSS more than 20% above the start after the settle, not at exactly 20%", () => {
    expect(abuseFailures(passing({ rss: { startBytes: 100 * MB, endBytes: 120 * MB, settleMs: 3000 } }))).toEqual([]);
    expect(abuseFailures(passing({ rss: { startBytes: 100 * MB, endBytes: 80 * MB, settleMs: 1000 } }))).toEqual([]);
    expect(abuseFailures(passing({ rss: { startBytes: 90.1 * MB, endBytes: 600.9 * MB, settleMs: 10_000 } }))).toEqual([
      "server RSS 600.9 MB after a 10.0 s settle is 566.9% above 90.1 MB before the attacks (limit 20%).",
    ]);
  });

  it("fails when RSS was not measured, the server died, no final probe was sent, or nothing ran", () => {
    expect(abuseFailures(passing({ rss: { unavailable: "Linux only" } }))).toEqual(["server RSS was not measured: Linux only"]);
    expect(abuseFailures(passing({ serverExit: "killed by SIGSEGV" }))).toEqual(["the server process died during the run (killed by SIGSEGV)."]);
    expect(abuseFailures(passing({ finalProbe: undefined }))).toEqual(["the final probe question was never sent."]);
    expect(abuseFailures(passing({ finalProbe: probe({ status: 503, code: "overloaded" }) }))).toEqual([expect.stringMatching(/^final probe after the settle: answered 503 overloaded/)]);
    expect(abuseFailures(passing({ attacks: [] }))).toEqual(["no attack ran."]);
  });
});

describe("abuseTable", () => {
  it("shows each attack's requests, outcomes by status (codes for 5xx), the slowest probe and RSS", () => {
    const table = abuseTable(passing({ attacks: [attack(), attack({ name: "cross-origin", requests: 18, outcomes: [{ label: "200", status: 200, count: 18, example: "x" }], unexpected: { count: 18, examples: ["x"] } })] }));
    expect(table).toMatch(/\| unfinished-bodies +\| 100 +\| 429×30 503 overloaded×40 503 timeout×20 hung-up×10 +\| 12 ms \(1 of 2 not 200\) +\| 100\.0 MB +\|/);
    expect(table).toMatch(/\| cross-origin +\| 18 +\| 200×18 {2}← 18 wrong +\|/);
    expect(table).toMatch(/\| final probe +\| 1 +\| 200 +\| 4\.00 ms +\| 110\.0 MB +\|/);
    expect(table).toMatch(/RSS 100\.0 MB → 110\.0 MB after 1\.0 s settle \(limit \+20%\); server alive; 30\.0 s$/);
  });
});

describe("parseAbuseOptions", () => {
  it("runs every attack by default, in the suite's order; --only keeps that order", () => {
    expect(parseAbuseOptions([])).toEqual({ attacks: ATTACK_NAMES, verbose: false, help: false });
    expect(parseAbuseOptions(["--only", "slot-capacity,cross-origin", "--verbose"])).toEqual({ attacks: ["cross-origin", "slot-capacity"], verbose: true, help: false });
  });

  it("refuses an unknown attack or option with a usage error", () => {
    const caught = captureError(() => parseAbuseOptions(["--only=slowloris"]));
    expect(caught).toBeInstanceOf(QaError);
    expect((caught as QaError).message).toMatch(/--only: unknown attack "slowloris"/);
    expect((caught as QaError).message).toContain("Usage: npm run test:abuse");
    expect(captureError(() => parseAbuseOptions(["--seconds", "5"]))).toBeInstanceOf(QaError);
  });
});
