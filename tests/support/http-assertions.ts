import { expect } from "vitest";
import { z } from "zod";

const errorResponseSchema = z.strictObject({ error: z.strictObject({ code: z.string(), message: z.string().min(1) }) });

/** A 4xx with exactly {error:{code,message}}, the expected code, and a message naming the problem. */
export async function expectClientError(response: Response, status: number, code: string, message: RegExp): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/u);
  const body = errorResponseSchema.parse(JSON.parse(text));
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
}
