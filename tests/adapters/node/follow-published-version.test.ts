import { describe, expect, it } from "vitest";
import { followPublishedVersion } from "../../../src/adapters/node/follow-published-version.js";
import { createEngineHolder } from "../../../src/core/pipeline/engine-holder.js";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";

/** A stand-in for a loaded engine: the follower reads only its manifest's index hash. */
const served = (indexHash: string) => ({ engine: { manifest: { indexHash } } as unknown as QaEngine });

describe("following the database's published version", () => {
  it("swaps in the new version's engine once it is loaded, and does nothing while the version is the served one", async () => {
    const holder = createEngineHolder(served("a"));
    let current = "a";
    let loads = 0;
    const follower = followPublishedVersion({ holder, intervalMs: 0, readCurrentVersion: async () => current, load: async () => (loads++, served(current)) });
    await follower.check();
    expect(loads).toBe(0);
    current = "b";
    await follower.check();
    expect(holder.get().engine.manifest.indexHash).toBe("b");
    expect(loads).toBe(1);
  });

  it("keeps serving, warning once per distinct failure, when the poll or the load fails", async () => {
    const holder = createEngineHolder(served("a"));
    const warnings: string[] = [];
    let poll: () => Promise<string> = async () => {
      throw new Error("Cannot use the PostgreSQL database at db:5432/qa: nothing is listening there.");
    };
    const follower = followPublishedVersion({
      holder,
      intervalMs: 0,
      readCurrentVersion: () => poll(),
      load: async () => {
        throw new Error("Index file \"chunks\" of index version b does not match its checksum");
      },
      warn: (message) => warnings.push(message),
    });
    await follower.check();
    await follower.check();
    poll = async () => "b";
    await follower.check();
    await follower.check();
    expect(holder.get().engine.manifest.indexHash).toBe("a");
    expect(warnings).toEqual([
      "the database could not be polled for a new index version (Cannot use the PostgreSQL database at db:5432/qa: nothing is listening there.); still serving index a",
      'index version b published in the database could not be loaded (Index file "chunks" of index version b does not match its checksum); still serving index a',
    ]);
  });

  it("leaves a swap made meanwhile (a reindex in this process) alone", async () => {
    const holder = createEngineHolder(served("a"));
    const follower = followPublishedVersion({
      holder,
      intervalMs: 0,
      readCurrentVersion: async () => "b",
      load: async () => {
        holder.replace(served("c"));
        return served("b");
      },
    });
    await follower.check();
    expect(holder.get().engine.manifest.indexHash).toBe("c");
  });

  it("polls every intervalMs until stopped", async () => {
    const holder = createEngineHolder(served("a"));
    let polls = 0;
    const follower = followPublishedVersion({ holder, intervalMs: 10, readCurrentVersion: async () => (polls++, "a"), load: async () => served("a") });
    await new Promise((resolve) => setTimeout(resolve, 200));
    follower.stop();
    const counted = polls;
    expect(counted).toBeGreaterThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(polls).toBe(counted);
  });
});
