import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readConfiguration } from "../../../src/adapters/node/configuration.js";
import { openFeedbackStore } from "../../../src/adapters/node/open-feedback-store.js";
import { closeSharedPgvectorStores } from "../../../src/adapters/postgres/open-pgvector-index.js";
import { QaError } from "../../../src/core/errors.js";
import { freePort } from "../../support/child-process.js";
import { numberedRecord } from "../../support/feedback.js";

const root = await mkdtemp(join(tmpdir(), "feedback-choice-"));
afterAll(async () => {
  await closeSharedPgvectorStores();
  await rm(root, { recursive: true, force: true });
});
const DATABASE_URL = "postgres://qa:secret-password@db.example.org:5432/reports";

describe("FEEDBACK_STORE", () => {
  it("stores feedback in DATA_DIR without a database, and in the database by default with DATABASE_URL", () => {
    expect(readConfiguration({}).feedbackStore).toBe("files");
    expect(readConfiguration({ DATABASE_URL }).feedbackStore).toBe("database");
    // Empty, like every setting, is unset.
    expect(readConfiguration({ DATABASE_URL, FEEDBACK_STORE: "" }).feedbackStore).toBe("database");
  });

  it("keeps feedback in DATA_DIR with FEEDBACK_STORE=files, even with DATABASE_URL", () => {
    expect(readConfiguration({ DATABASE_URL, FEEDBACK_STORE: "files" }).feedbackStore).toBe("files");
    expect(readConfiguration({ FEEDBACK_STORE: "files" }).feedbackStore).toBe("files");
  });

  it("refuses another value, or database without DATABASE_URL, by name and saying what to set", () => {
    expect(() => readConfiguration({ FEEDBACK_STORE: "postgres" })).toThrow('Invalid setting FEEDBACK_STORE: must be "files" or "database"');
    expect(() => readConfiguration({ FEEDBACK_STORE: "database" })).toThrow(/^Invalid setting FEEDBACK_STORE: "database" needs DATABASE_URL/u);
  });
});

describe("opening the feedback store at start-up", () => {
  it("with FEEDBACK_STORE=files writes DATA_DIR and never touches the database", async () => {
    const dataDirectory = join(root, "files");
    const warnings: string[] = [];
    const store = await openFeedbackStore({ ...readConfiguration({ DATABASE_URL, FEEDBACK_STORE: "files", DATA_DIR: dataDirectory }) }, (message) => warnings.push(message));
    await store.append(numberedRecord(1));
    expect(JSON.parse(await readFile(join(dataDirectory, "feedback.jsonl"), "utf8"))).toEqual(numberedRecord(1));
    expect(warnings).toEqual([]);
  });

  it("starts with the database unreachable: one warning naming host:port/db (not the password), then 503s on posts and health unwritable", async () => {
    const port = await freePort();
    const url = `postgres://qa:secret-password@127.0.0.1:${port}/reports`;
    const warnings: string[] = [];
    const store = await openFeedbackStore(readConfiguration({ DATABASE_URL: url, DATA_DIR: join(root, "unused") }), (message) => warnings.push(message));
    expect(warnings).toEqual([
      `feedback cannot be stored in the database at 127.0.0.1:${port}/reports (Cannot use the PostgreSQL database at 127.0.0.1:${port}/reports: nothing is listening there (is PostgreSQL running?).); feedback answers 503 until it can be, questions are answered as usual`,
    ]);
    expect(store.status()).toBe("unwritable");
    const error = await store.append(numberedRecord(1)).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(QaError);
    expect((error as QaError).code).toBe("storage_unavailable");
    expect(JSON.stringify(warnings)).not.toContain("secret-password");
  });

  it("with the database, says once that feedback.jsonl left in DATA_DIR from before is no longer exported", async () => {
    const dataDirectory = join(root, "earlier");
    await mkdir(dataDirectory, { recursive: true });
    await writeFile(join(dataDirectory, "feedback.jsonl"), `${JSON.stringify(numberedRecord(1))}\n`, "utf8");
    const warnings: string[] = [];
    const url = `postgres://qa@127.0.0.1:${await freePort()}/reports`;
    await openFeedbackStore(readConfiguration({ DATABASE_URL: url, DATA_DIR: dataDirectory }), (message) => warnings.push(message));
    expect(warnings.filter((warning) => warning.includes("feedback.jsonl"))).toEqual([
      `${join(dataDirectory, "feedback.jsonl")} holds feedback stored before it went to the database; the export no longer includes it (FEEDBACK_STORE=files exports it again)`,
    ]);
  });
});
