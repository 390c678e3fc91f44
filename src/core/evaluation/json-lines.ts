import type { z } from "zod";

export interface JsonLinesProblem {
  readonly line: number;
  readonly message: string;
}

/** A valid line's value with its 1-based line number, so what is reported about it later can say where it came from. */
export interface NumberedItem<T> {
  readonly line: number;
  readonly item: T;
}

/** Every valid line of a JSON Lines text with its number; a bad line is reported with its number and the rest still count. */
export function parseNumberedJsonLines<T>(text: string, schema: z.ZodType<T>): { entries: NumberedItem<T>[]; problems: JsonLinesProblem[] } {
  const entries: NumberedItem<T>[] = [];
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
    if (parsed.success) entries.push({ line: index + 1, item: parsed.data });
    else {
      const issue = parsed.error.issues[0];
      problems.push({ line: index + 1, message: `${issue?.path.map(String).join(".") || "line"}: ${issue?.message ?? "invalid"}` });
    }
  });
  return { entries, problems };
}

/** Every valid line of a JSON Lines text; a bad line is reported with its number and the rest still count. */
export function parseJsonLines<T>(text: string, schema: z.ZodType<T>): { items: T[]; problems: JsonLinesProblem[] } {
  const { entries, problems } = parseNumberedJsonLines(text, schema);
  return { items: entries.map((entry) => entry.item), problems };
}
