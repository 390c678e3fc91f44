import type { Hono } from "hono";
import { QaError } from "../core/errors.js";
import { firstIssue, readJsonObject } from "./request-body.js";
import type { EngineSource } from "../core/pipeline/engine-holder.js";
import { verifyRequestSchema } from "../core/verification/verification-schema.js";
import { verifyText } from "../core/verification/verify-text.js";

const EXAMPLE = `{"text": "到2026年,地区生产总值达1800亿元左右。[1]", "citations": [{"quote": "地区生产总值达1800亿元左右"}]}`;

/**
 * POST /api/verify {text, citations?, contexts?}: checks any text claim by claim against the
 * report, and against the citations and contexts it gives (a VerificationResult, see
 * src/core/verification/verification-schema.ts). Errors are
 * QaErrors, which the app's error handler turns into `{error: {code, message}}` with a 4xx.
 */
export function registerVerifyRoute(app: Hono, currentEngine: EngineSource): void {
  app.post("/api/verify", async (context) => {
    const body = await readJsonObject(context, EXAMPLE);
    const parsed = verifyRequestSchema.safeParse(body);
    if (!parsed.success) throw new QaError("invalid_parameter", firstIssue(parsed.error));
    // The request's deadline stops a long check (the timeout's 503 has been sent by then).
    const deadline = context.get("deadline");
    return context.json(await verifyText(currentEngine(), parsed.data, undefined, deadline ? { signal: deadline } : {}));
  });
}
