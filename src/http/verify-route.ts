import type { Hono } from "hono";
import type { z } from "zod";
import { QaError } from "../core/errors.js";
import type { QaEngine } from "../core/pipeline/qa-engine.js";
import { verifyRequestSchema } from "../core/verification/verification-schema.js";
import { verifyText } from "../core/verification/verify-text.js";

const EXAMPLE = `{"text": "到2026年,地区生产总值达1800亿元左右。"}`;

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid request";
  const field = issue.path.map(String).join(".");
  return issue.message.startsWith(field) || !field ? issue.message : `${field}: ${issue.message}`;
}

async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    throw new QaError("bad_request", `Request body must be JSON, e.g. ${EXAMPLE}.`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new QaError("bad_request", `Request body must be a JSON object, e.g. ${EXAMPLE}.`);
  return body as Record<string, unknown>;
}

/**
 * POST /api/verify {text}: checks any Chinese text sentence by sentence against the report
 * (a VerificationResult, see src/core/verification/verification-schema.ts). Errors are
 * QaErrors, which the app's error handler turns into `{error: {code, message}}` with a 4xx.
 */
export function registerVerifyRoute(app: Hono, engine: QaEngine): void {
  app.post("/api/verify", async (context) => {
    const body = await readJsonObject(context.req.raw);
    const parsed = verifyRequestSchema.safeParse(body);
    if (!parsed.success) throw new QaError("invalid_parameter", firstIssue(parsed.error));
    return context.json(await verifyText(engine, parsed.data.text));
  });
}
