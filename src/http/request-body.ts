import type { z } from "zod";
import { QaError } from "../core/errors.js";

/** The request body as a JSON object, or a 400 that shows an example of what was expected. */
export async function readJsonObject(request: Request, example: string): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    throw new QaError("bad_request", `Request body must be JSON, e.g. ${example}.`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new QaError("bad_request", `Request body must be a JSON object, e.g. ${example}.`);
  return body as Record<string, unknown>;
}

/** The first validation problem, led by the field it concerns ("topK: …"), for an error message. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid request";
  const field = issue.path.map(String).join(".");
  return issue.message.startsWith(field) || !field ? issue.message : `${field}: ${issue.message}`;
}
