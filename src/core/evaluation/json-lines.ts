import type { z } from "zod";

export interface JsonLinesProblem {
  readonly line: number;
  readonly message: string;
}

/** Every valid line of a JSON Lines text; a bad line is reported with its number and the rest still count. */
export function parseJsonLines<T>(text: string, schema: z.ZodType<T>): { items: T[]; problems: JsonLinesProblem[] } {
  const items: T[] = [];
  const problems: JsonLinesProblem[] = [];
  text.split(/\r?\n/u).forEach((raw, index) => {
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      problems.push({ line: index + 1, message: "not valid JSON" });
      return;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) items.push(parsed.data);
    else {
      const issue = parsed.error.issues[0];
      problems.push({ line: index + 1, message: `${issue?.path.map(String).join(".") || "line"}: ${issue?.message ?? "invalid"}` });
    }
  });
  return { items, problems };
}
