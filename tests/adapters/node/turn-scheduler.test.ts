import { describe, expect, it } from "vitest";
import { createTurnScheduler } from "../../../src/adapters/node/turn-scheduler.js";

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe("createTurnScheduler", () => {
  it("starts queued jobs in arrival order, one per event-loop turn, so I/O callbacks run in between", async () => {
    const schedule = createTurnScheduler();
    const events: string[] = [];
    const jobs = [1, 2, 3].map((n) =>
      schedule(async () => {
        events.push(`job ${n}`);
        return n;
      }),
    );
    // Stands for the loop's other work (accepting a connection, reading a request) in each turn.
    const io = (async () => {
      for (let n = 1; n <= 3; n++) {
        await turn();
        events.push(`io ${n}`);
      }
    })();
    expect(await Promise.all(jobs)).toEqual([1, 2, 3]);
    await io;
    expect(events.indexOf("job 1")).toBeLessThan(events.indexOf("job 2"));
    expect(events.indexOf("job 2")).toBeLessThan(events.indexOf("job 3"));
    // Never two jobs back to back without a turn of the loop between them.
    expect(events.slice(events.indexOf("job 1"), events.indexOf("job 3") + 1).filter((event) => event.startsWith("io")).length).toBeGreaterThanOrEqual(2);
  });

  it("passes a job's failure to its caller and keeps serving the queue", async () => {
    const schedule = createTurnScheduler();
    const failing = schedule(() => Promise.reject(new Error("no answer")));
    const next = schedule(() => Promise.resolve("answered"));
    await expect(failing).rejects.toThrow("no answer");
    await expect(next).resolves.toBe("answered");
  });
});
