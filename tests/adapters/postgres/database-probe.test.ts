import { describe, expect, it } from "vitest";
import { createDatabaseProbe } from "../../../src/adapters/postgres/database-probe.js";

describe("the /api/health database probe", () => {
  it("answers ok when the query succeeds, and reuses the outcome for maxAgeMs", async () => {
    let clock = 0;
    let queries = 0;
    const probe = createDatabaseProbe(async () => void (queries += 1), { maxAgeMs: 2_000, now: () => clock });
    expect(await Promise.all([probe(), probe(), probe()])).toEqual(["ok", "ok", "ok"]);
    expect(queries).toBe(1);
    clock = 1_999;
    expect(await probe()).toBe("ok");
    expect(queries).toBe(1);
    clock = 2_000;
    expect(await probe()).toBe("ok");
    expect(queries).toBe(2);
  });

  it("answers unreachable when the query fails, and recovers once it succeeds again", async () => {
    let clock = 0;
    let failing = true;
    const probe = createDatabaseProbe(async () => {
      if (failing) throw new Error("connect ECONNREFUSED");
    }, { maxAgeMs: 100, now: () => clock });
    expect(await probe()).toBe("unreachable");
    failing = false;
    clock = 100;
    expect(await probe()).toBe("ok");
  });

  it("answers unreachable when the query outlasts its time limit, without waiting for it", async () => {
    const probe = createDatabaseProbe(() => new Promise(() => undefined), { timeoutMs: 30 });
    const started = performance.now();
    expect(await probe()).toBe("unreachable");
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
