import { describe, expect, it } from "vitest";
import { readConfiguration } from "../../src/adapters/node/configuration.js";

describe("limit and key settings from the environment", () => {
  it("defaults to 60/min with a burst of 20, 256 in flight, 10 s timeout, 64 KiB bodies and no key", () => {
    expect(readConfiguration({})).toMatchObject({
      rateLimitPerMinute: 60,
      rateLimitBurst: 20,
      maxInFlight: 256,
      requestTimeoutMs: 10_000,
      maxBodyBytes: 65_536,
      apiKey: undefined,
    });
  });

  it("reads each variable, with 0 turning the rate limit, the bound and the timeout off", () => {
    const configuration = readConfiguration({
      RATE_LIMIT_PER_MINUTE: "0",
      RATE_LIMIT_BURST: "5",
      MAX_IN_FLIGHT: "0",
      REQUEST_TIMEOUT_MS: "0",
      MAX_BODY_BYTES: "1024",
      API_KEY: "abc-123_XYZ",
    });
    expect(configuration).toMatchObject({ rateLimitPerMinute: 0, rateLimitBurst: 5, maxInFlight: 0, requestTimeoutMs: 0, maxBodyBytes: 1024, apiKey: "abc-123_XYZ" });
  });

  it("refuses invalid values by name, without echoing a key", () => {
    expect(() => readConfiguration({ MAX_IN_FLIGHT: "-1" })).toThrow(/MAX_IN_FLIGHT/u);
    expect(() => readConfiguration({ RATE_LIMIT_BURST: "0" })).toThrow(/RATE_LIMIT_BURST/u);
    expect(() => readConfiguration({ MAX_BODY_BYTES: "lots" })).toThrow(/MAX_BODY_BYTES/u);
    expect(() => readConfiguration({ API_KEY: "has space secret" })).toThrow(/API_KEY/u);
    expect(() => readConfiguration({ API_KEY: "has space secret" })).not.toThrow(/secret/u);
  });
});
