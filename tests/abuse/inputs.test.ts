import { describe, expect, it } from "vitest";
import { answeredInTime, refusedInTime } from "../../src/abuse/attack.js";
import { deeplyNested, fill, percentEncode, PATHOLOGICAL_TEXTS } from "../../src/abuse/pathological-inputs.js";
import { errorCode, parseResponse, requestBytes } from "../../src/abuse/raw-http.js";

const settings = { requestTimeoutMs: 2000, maxInFlight: 32, maxBodyBytes: 65536, rateLimitPerMinute: 300, rateLimitBurst: 6 };

describe("fill", () => {
  it("repeats to the character limit, or fewer when the JSON encoding would pass the byte limit", () => {
    const numerals = PATHOLOGICAL_TEXTS.find((text) => text.name === "numerals")!;
    expect(fill(numerals, 1000)).toHaveLength(1000);
    const capped = fill(numerals, 100_000, 60_000);
    expect(Buffer.byteLength(JSON.stringify(capped))).toBeLessThanOrEqual(60_002);
    expect(capped.length).toBeGreaterThan(19_000);
  });

  it("counts lone surrogates as the six bytes of their JSON escape, and keeps a prefix", () => {
    const surrogates = PATHOLOGICAL_TEXTS.find((text) => text.name === "lone surrogates")!;
    expect(Buffer.byteLength(JSON.stringify(fill(surrogates, 100_000, 6000)))).toBeLessThanOrEqual(6002);
    expect(fill({ name: "marks", prefix: "江", unit: "\u0301" }, 5)).toBe("江\u0301\u0301\u0301\u0301");
  });
});

describe("percentEncode", () => {
  it("encodes characters as UTF-8 and lone surrogates as their WTF-8 bytes, where encodeURIComponent throws", () => {
    expect(percentEncode("江a")).toBe("%E6%B1%9Fa");
    expect(percentEncode("\u{20000}")).toBe(encodeURIComponent("\u{20000}"));
    expect(percentEncode("\ud800")).toBe("%ED%A0%80");
    expect(() => encodeURIComponent("\ud800")).toThrow(URIError);
  });
});

describe("deeplyNested", () => {
  it("nests as deep as fits in the byte budget, and is JSON", () => {
    const body = deeplyNested("question", 1000, "arrays");
    expect(body.length).toBeLessThanOrEqual(1000);
    expect(body.length).toBeGreaterThan(990);
    expect(() => JSON.parse(body)).not.toThrow();
    const objects = deeplyNested("engine", 200, "objects", '"rating":"up"');
    expect(objects.length).toBeLessThanOrEqual(200);
    expect(JSON.parse(objects).rating).toBe("up");
  });
});

describe("parseResponse", () => {
  it("waits for the whole body by Content-Length and reads the error code", () => {
    const head = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: 28\r\n\r\n";
    expect(parseResponse(Buffer.from(`${head}{"error":{"code":"time`), false)?.complete).toBe(false);
    const whole = parseResponse(Buffer.from(`${head}{"error":{"code":"timeout"}}`), false)!;
    expect(whole).toMatchObject({ status: 503, complete: true });
    expect(errorCode(whole.body)).toBe("timeout");
  });

  it("reads chunked bodies to their terminator, and bodies without a length to the close", () => {
    const chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n";
    expect(parseResponse(Buffer.from(chunked), false)?.complete).toBe(false);
    expect(parseResponse(Buffer.from(`${chunked}0\r\n\r\n`), false)?.body.toString()).toBe('{"a":1}');
    expect(parseResponse(Buffer.from("HTTP/1.1 400 Bad Request\r\n\r\nbad"), false)?.complete).toBe(false);
    expect(parseResponse(Buffer.from("HTTP/1.1 400 Bad Request\r\n\r\nbad"), true)?.complete).toBe(true);
    expect(parseResponse(Buffer.from("HTTP/1.1 200 OK\r\nContent-"), false)).toBeUndefined();
  });

  it("builds requests with exactly the headers given (a Content-Length that lies included)", () => {
    expect(Buffer.from(requestBytes("POST", "/api/ask", { "Content-Length": "100" }, '{"q')).toString()).toBe('POST /api/ask HTTP/1.1\r\nContent-Length: 100\r\n\r\n{"q');
  });
});

describe("answeredInTime and refusedInTime", () => {
  const response = (status: number, ms: number, code?: string) => ({ ending: "response" as const, status, ms, ...(code ? { code } : {}) });
  it("fail a late answer (a blocked event loop), no answer, or a limit answering instead", () => {
    expect(answeredInTime(response(200, 2999), settings)).toBeUndefined();
    expect(answeredInTime(response(200, 6820), settings)).toMatch(/past REQUEST_TIMEOUT_MS=2000 \(the event loop was blocked\)/);
    expect(answeredInTime({ ending: "gave-up", status: null, ms: 10_000 }, settings)).toMatch(/no response \(gave-up/);
    expect(answeredInTime(response(429, 3), settings)).toMatch(/never tested/);
    expect(answeredInTime(response(503, 3, "overloaded"), settings)).toMatch(/never tested/);
  });

  it("require a 4xx (or the expected status) for what must be refused", () => {
    expect(refusedInTime(response(403, 5), settings)).toBeUndefined();
    expect(refusedInTime(response(201, 5), settings)).toMatch(/accepted with 201/);
    expect(refusedInTime(response(400, 5), settings, 413)).toMatch(/expected 413/);
    expect(refusedInTime(response(413, 5), settings, 413)).toBeUndefined();
  });
});
