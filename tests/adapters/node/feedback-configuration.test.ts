import { describe, expect, it } from "vitest";
import { readConfiguration } from "../../../src/adapters/node/configuration.js";

describe("feedback settings from the environment", () => {
  it("defaults to rotating at 50 MiB and keeping 5 rotated files", () => {
    expect(readConfiguration({})).toMatchObject({ feedbackMaxBytes: 50 * 1024 * 1024, feedbackKeepFiles: 5 });
  });

  it("reads FEEDBACK_MAX_BYTES and FEEDBACK_KEEP_FILES (0 keeps none)", () => {
    expect(readConfiguration({ FEEDBACK_MAX_BYTES: "1048576", FEEDBACK_KEEP_FILES: "0" })).toMatchObject({ feedbackMaxBytes: 1_048_576, feedbackKeepFiles: 0 });
  });

  it("refuses a cap below 64 KiB (one record is tens of KB) and negative or huge file counts, by name", () => {
    expect(() => readConfiguration({ FEEDBACK_MAX_BYTES: "1000" })).toThrow(/FEEDBACK_MAX_BYTES/u);
    expect(() => readConfiguration({ FEEDBACK_MAX_BYTES: "50MB" })).toThrow(/FEEDBACK_MAX_BYTES/u);
    expect(() => readConfiguration({ FEEDBACK_KEEP_FILES: "-1" })).toThrow(/FEEDBACK_KEEP_FILES/u);
    expect(() => readConfiguration({ FEEDBACK_KEEP_FILES: "101" })).toThrow(/FEEDBACK_KEEP_FILES/u);
  });
});
