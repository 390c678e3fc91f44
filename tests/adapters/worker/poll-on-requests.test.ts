import { describe, expect, it } from "vitest";
import { pollOnRequests } from "../../../src/adapters/worker/poll-on-requests.js";

/** A clock the test moves, checks it settles by hand, and the promises handed to waitUntil. */
function harness(intervalMs: number, abandonAfterMs?: number) {
  let now = 1_000;
  const pending: (() => void)[] = [];
  const kept: Promise<unknown>[] = [];
  let started = 0;
  const onRequest = pollOnRequests({
    intervalMs,
    ...(abandonAfterMs === undefined ? {} : { abandonAfterMs }),
    now: () => now,
    check: () => {
      started += 1;
      return new Promise<void>((resolve) => pending.push(resolve));
    },
  });
  return {
    request: () => onRequest((work) => kept.push(work)),
    advance: (ms: number) => (now += ms),
    /** Settles the oldest check still pending and waits for its waitUntil promise. */
    settle: async () => {
      const index = kept.length - pending.length;
      pending.shift()?.();
      await kept[index];
    },
    started: () => started,
    kept,
  };
}

describe("pollOnRequests", () => {
  it("starts a check on a request at most once per interval, counted from start-up, under waitUntil", async () => {
    const poll = harness(500);
    poll.request();
    expect(poll.started()).toBe(0);
    poll.advance(499);
    poll.request();
    expect(poll.started()).toBe(0);
    poll.advance(1);
    poll.request();
    expect(poll.started()).toBe(1);
    expect(poll.kept).toHaveLength(1);
    await poll.settle();
    poll.advance(100);
    poll.request();
    expect(poll.started()).toBe(1);
    poll.advance(400);
    poll.request();
    expect(poll.started()).toBe(2);
  });

  it("never runs two checks at once, until one is taken as lost", async () => {
    const poll = harness(100, 1_000);
    poll.advance(100);
    poll.request();
    poll.advance(500);
    poll.request();
    expect(poll.started()).toBe(1);
    // Unsettled after abandonAfterMs: the runtime cancelled it; the next request starts another.
    poll.advance(500);
    poll.request();
    expect(poll.started()).toBe(2);
    await poll.settle();
    await poll.settle();
    poll.advance(100);
    poll.request();
    expect(poll.started()).toBe(3);
  });

  it("never checks with an interval of 0", () => {
    const poll = harness(0);
    poll.advance(1_000_000);
    poll.request();
    expect(poll.started()).toBe(0);
  });

  it("hands waitUntil a promise that does not reject when the check does", async () => {
    let failed = false;
    const kept: Promise<unknown>[] = [];
    let now = 0;
    const onRequest = pollOnRequests({ intervalMs: 10, now: () => now, check: () => Promise.reject(new Error("database away")) });
    now = 10;
    onRequest((work) => kept.push(work));
    await Promise.all(kept).catch(() => (failed = true));
    expect(kept).toHaveLength(1);
    expect(failed).toBe(false);
  });
});
