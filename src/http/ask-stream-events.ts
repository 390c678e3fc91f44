import { z } from "zod";
import { askResponseSchema, generatedSentenceSchema, passageSchema } from "../core/schemas/ask-response.js";
import { errorResponseSchema } from "./error-schema.js";

/**
 * The `data` of each Server-Sent Event of POST /api/ask/stream, by event name. The route sends
 * through a function typed by this map, and the OpenAPI description lists it, so neither can
 * name an event or a field the other does not.
 */
export const askStreamEventSchemas = {
  /** The retrieved passages, before any text. */
  sources: z.object({ passages: z.array(passageSchema) }),
  /** Answer text as it is written; no marker before its sentence is verified. */
  delta: z.object({ text: z.string() }),
  /** One generated sentence with the gate's verdict, as it closes. */
  sentence: generatedSentenceSchema.extend({ index: z.number().int().nonnegative() }),
  /** The shown answer changed: the verified text, a removed sentence, the extractive fallback. */
  replace: z.object({ answer: z.string(), reason: z.string() }),
  /** The full answer, as POST /api/ask returns it; the stream ends. */
  done: askResponseSchema,
  /** As the JSON API's errors; the stream ends. */
  error: errorResponseSchema,
} as const;

export type AskStreamEventName = keyof typeof askStreamEventSchemas;
export type AskStreamEventData<Name extends AskStreamEventName> = z.infer<(typeof askStreamEventSchemas)[Name]>;
