import type { z } from "zod";

/**
 * The first problem zod found, naming the field by its path: "files.hnsw.sha256: Invalid
 * input: expected string, received number". zod's own `error.message` is the issues as a
 * JSON array, whose first line is just "[".
 */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid input";
  const field = issue.path.map(String).join(".");
  return issue.message.startsWith(field) || !field ? issue.message : `${field}: ${issue.message}`;
}
