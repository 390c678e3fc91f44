import { describe, expect, it, vi } from "vitest";
import { holdServedVersion } from "../../../src/adapters/node/hold-served-version.js";
import { versionLease, type VersionLease } from "../../../src/adapters/postgres/version-leases.js";
import { createEngineHolder } from "../../../src/core/pipeline/engine-holder.js";
import type { QaEngine } from "../../../src/core/pipeline/qa-engine.js";
import { randomUnitVectors, records } from "../../contracts/vector-index-contract.js";
import { pgvectorSuite } from "../../support/pgvector-suite.js";

const database = pgvectorSuite();

// A server serving an old version holds a lease on it: an ingest then prunes every other
// replaced version, but not that one, however long ago it was replaced — until the lease
// expires or is given up.

const DIMENSIONS = 4;

async function publish(version: string): Promise<void> {
  const index = await database.store.createVersion(version, DIMENSIONS);
  await index.upsert(records(randomUnitVectors(20, DIMENSIONS, version.length), version));
  await database.store.publish(version, 20);
}

async function leases(): Promise<{ server_id: string; version: string }[]> {
  const result = await database.store.pool.query<{ server_id: string; version: string }>(
    "SELECT l.server_id, v.version FROM jiangjin_qa.version_leases l JOIN jiangjin_qa.vector_versions v USING (version_key) ORDER BY server_id",
  );
  return result.rows;
}

/** A holder serving an engine whose manifest names `version`: all hold-served-version reads. */
function holderServing(version: string) {
  return createEngineHolder({ engine: { manifest: { indexHash: version } } as unknown as QaEngine });
}

describe("version leases", () => {
  it("keeps a replaced version a server's unexpired lease holds, and prunes it once the lease runs out", async () => {
    await publish("a1");
    const slow = versionLease(database.store, "slow-server");
    await slow.renew("a1", 60_000);
    await publish("a2");
    await publish("a3");
    await publish("a4");
    // Grace 0: replaced "long enough ago". a2 goes, a1 stays for its lease, a3 is the newest kept.
    expect(await database.store.prune(2, 0)).toEqual(["a2"]);
    expect((await database.store.open("a1")).version).toBe("a1");
    await slow.renew("a1", 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await database.store.prune(2, 0)).toEqual(["a1"]);
    // The lease went with its version.
    expect(await leases()).toEqual([]);
  }, 60_000);

  it("moves a server's lease to the version it serves now, and clears it for a version the database lacks", async () => {
    const lease = versionLease(database.store, "moving-server");
    await lease.renew("a3", 60_000);
    expect(await leases()).toEqual([{ server_id: "moving-server", version: "a3" }]);
    await lease.renew("a4", 60_000);
    expect(await leases()).toEqual([{ server_id: "moving-server", version: "a4" }]);
    await lease.renew("no-such-version", 60_000);
    expect(await leases()).toEqual([]);
  }, 30_000);

  it("gives the version up on release, so the next prune may drop it", async () => {
    const lease = versionLease(database.store, "stopping-server");
    await lease.renew("a3", 60_000);
    await publish("a5");
    expect(await database.store.prune(2, 0)).toEqual([]);
    await lease.release();
    expect(await database.store.prune(2, 0)).toEqual(["a3"]);
  }, 30_000);
});

describe("holdServedVersion", () => {
  it("claims the served version at once, follows a swap on renew, and releases on stop", async () => {
    const holder = holderServing("a4");
    const hold = holdServedVersion({ holder, lease: versionLease(database.store, "holding-server"), renewEveryMs: 60_000 });
    await vi.waitFor(async () => expect(await leases()).toEqual([{ server_id: "holding-server", version: "a4" }]));
    holder.replace({ engine: { manifest: { indexHash: "a5" } } as unknown as QaEngine });
    await hold.renew();
    expect(await leases()).toEqual([{ server_id: "holding-server", version: "a5" }]);
    await hold.release();
    expect(await leases()).toEqual([]);
    // Released: a late renewal claims nothing.
    await hold.renew();
    expect(await leases()).toEqual([]);
  }, 30_000);

  it("renews on its timer, and warns once per distinct failure", async () => {
    const renewals: string[] = [];
    let failing = true;
    const lease: VersionLease = {
      renew: async (version) => {
        renewals.push(version);
        if (failing) throw new Error("Cannot use the PostgreSQL database at db:5432/qa: nothing is listening there.");
      },
      release: async () => undefined,
    };
    const warnings: string[] = [];
    const hold = holdServedVersion({ holder: holderServing("b1"), lease, renewEveryMs: 10, warn: (message) => warnings.push(message) });
    await vi.waitFor(() => expect(renewals.length).toBeGreaterThanOrEqual(4));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/lease on index version b1 could not be renewed \(Cannot use the PostgreSQL database at db:5432\/qa/u);
    failing = false;
    const before = renewals.length;
    await vi.waitFor(() => expect(renewals.length).toBeGreaterThan(before + 1));
    await hold.release();
    expect(warnings).toHaveLength(1);
  }, 30_000);
});
