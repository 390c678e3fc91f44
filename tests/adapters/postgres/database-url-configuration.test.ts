import { describe, expect, it } from "vitest";
import { readConfiguration } from "../../../src/adapters/node/configuration.js";
import { describeDatabase, parseDatabaseUrl } from "../../../src/adapters/postgres/database-url.js";

describe("DATABASE_URL from the environment", () => {
  it("is unset by default, or when empty as every setting: the index is served from index/ alone", () => {
    expect(readConfiguration({}).databaseUrl).toBeUndefined();
    expect(readConfiguration({ DATABASE_URL: "" }).databaseUrl).toBeUndefined();
  });

  it("keeps a postgres:// or postgresql:// URL as given", () => {
    for (const url of ["postgres://qa:secret@db.example.org:6543/reports?sslmode=require", "postgresql://localhost/qa"]) {
      expect(readConfiguration({ DATABASE_URL: url }).databaseUrl).toBe(url);
    }
  });

  it("refuses a malformed URL or another scheme at start-up, naming DATABASE_URL and what is expected", () => {
    expect(() => readConfiguration({ DATABASE_URL: "db.example.org/reports" })).toThrow(/DATABASE_URL is not a URL; expected postgres:\/\//u);
    expect(() => readConfiguration({ DATABASE_URL: "mysql://db.example.org/reports" })).toThrow(/DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/, not mysql:\/\//u);
  });

  it("is named in messages by host, port and database, never by its user or password", () => {
    expect(describeDatabase(parseDatabaseUrl("postgres://qa:secret@db.example.org:6543/reports"))).toBe("db.example.org:6543/reports");
    expect(describeDatabase(parseDatabaseUrl("postgres://db.example.org"))).toBe("db.example.org:5432/");
  });

  it("DATABASE_POLL_MS: 10 s by default, 0 turns following off, anything else not a whole number of ms is refused", () => {
    expect(readConfiguration({}).databasePollMs).toBe(10_000);
    expect(readConfiguration({ DATABASE_POLL_MS: "0" }).databasePollMs).toBe(0);
    expect(readConfiguration({ DATABASE_POLL_MS: "2500" }).databasePollMs).toBe(2_500);
    for (const value of ["-1", "1.5", "soon"]) expect(() => readConfiguration({ DATABASE_POLL_MS: value })).toThrow(/DATABASE_POLL_MS/u);
  });
});
