import { z } from "zod";
import type { ErrorCode } from "../core/errors.js";
import { STATUS_BY_CODE } from "./error-response.js";

/** Every code the API can answer with: the keys of the one code → status table, so a new code is documented the day it is mapped. */
export const ERROR_CODES = Object.keys(STATUS_BY_CODE) as [ErrorCode, ...ErrorCode[]];

const errorBodySchema = (codes: readonly [ErrorCode, ...ErrorCode[]]) =>
  z.object({
    error: z.object({
      code: z.enum(codes).describe("What went wrong, stable across releases: clients branch on it."),
      message: z.string().min(1).describe("A sentence for people, naming the problem (a field, a limit); not for parsing."),
    }),
  });

/** `{"error": {"code", "message"}}` with any code: every error response, and the stream's `error` event. */
export const errorResponseSchema = errorBodySchema(ERROR_CODES);
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** The codes answered with this HTTP status (400: bad_request, invalid_question, invalid_parameter, …). */
export function errorCodesForStatus(status: number): ErrorCode[] {
  return ERROR_CODES.filter((code) => STATUS_BY_CODE[code] === status);
}

/**
 * The error body a response of this status can carry: its code is one of the codes mapped to the
 * status, so a 400 that says `unauthorized` fails validation. Throws for a status no code maps to.
 */
export function errorResponseSchemaForStatus(status: number): typeof errorResponseSchema {
  // One schema per status: the description names each once (components.schemas.Error<status>).
  const known = byStatus.get(status);
  if (known) return known;
  const [first, ...rest] = errorCodesForStatus(status);
  if (first === undefined) throw new Error(`No error code is answered with status ${status} (see STATUS_BY_CODE).`);
  const schema = errorBodySchema([first, ...rest]);
  byStatus.set(status, schema);
  return schema;
}
const byStatus = new Map<number, typeof errorResponseSchema>();
