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
});
