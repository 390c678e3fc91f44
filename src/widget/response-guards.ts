import type { AskResponse, ReportMeta } from "./api-types.js";

// Light structural checks instead of zod: the bundle stays small, and a proxy's HTML error
// page or a truncated body still becomes a friendly "unexpected reply" message rather than
// a TypeError halfway through rendering.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function isCitation(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value.marker === "number" &&
    typeof value.chunkId === "string" &&
    typeof value.quote === "string" &&
    typeof value.quoteStart === "number" &&
    typeof value.quoteEnd === "number" &&
    typeof value.chunkStart === "number" &&
    isStringArray(value.section)
  );
}

function isPassage(value: unknown): boolean {
  return isRecord(value) && typeof value.chunkId === "string" && typeof value.text === "string" && typeof value.start === "number" && isStringArray(value.section);
}

function isSuggestion(value: unknown): boolean {
  return isRecord(value) && typeof value.chunkId === "string" && isStringArray(value.section);
}

export function isAskResponse(value: unknown): value is AskResponse {
  return (
    isRecord(value) &&
    typeof value.question === "string" &&
    typeof value.answer === "string" &&
    typeof value.abstained === "boolean" &&
    Array.isArray(value.citations) &&
    value.citations.every(isCitation) &&
    Array.isArray(value.passages) &&
    value.passages.every(isPassage) &&
    (value.suggestions === undefined || (Array.isArray(value.suggestions) && value.suggestions.every(isSuggestion))) &&
    isRecord(value.engine)
  );
}

export function isReportMeta(value: unknown): value is ReportMeta {
  return (
    isRecord(value) &&
    typeof value.title === "string" &&
    Array.isArray(value.starters) &&
    value.starters.every((starter) => isRecord(starter) && typeof starter.question === "string" && isStringArray(starter.section))
  );
}

/** The `{error: {code, message}}` body of a failed API call, when it has one. */
export function errorCodeOf(value: unknown): string | undefined {
  return isRecord(value) && isRecord(value.error) && typeof value.error.code === "string" ? value.error.code : undefined;
}
