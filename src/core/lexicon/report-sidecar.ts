import { z } from "zod";

/**
 * `<name>.lexicon.json` beside a corpus document: the vocabulary of that one report (the
 * place it is about, its time frame, expressions that depend on the year it speaks from,
 * abbreviations it defines itself). Read by the corpus reader, merged into the index's
 * lexicon at ingest; words are written as in the report and normalised when merged.
 */
export const reportSidecarSchema = z.object({
  about: z.string().optional(),
  subject: z
    .object({
      place: z.string().min(1),
      forms: z.array(z.string().min(1)).default([]),
      parents: z.array(z.string().min(1)).default([]),
      localPlaces: z.array(z.string().min(1)).default([]),
      neighbours: z.array(z.string().min(1)).default([]),
      /** How English answers and refusals name the place ("Jiangjin District") and the division above it ("Chongqing"). */
      placeInEnglish: z.string().min(1).optional(),
      parentInEnglish: z.string().min(1).optional(),
    })
    .strict()
    .optional(),
  timeFrame: z
    .object({
      referenceYear: z.number().int(),
      periods: z.array(z.object({ name: z.string().min(1), from: z.number().int(), to: z.number().int() }).strict()).default([]),
    })
    .strict()
    .optional(),
  terms: z.array(z.object({ from: z.string().min(1), to: z.array(z.string().min(1)).min(1), note: z.string().optional() }).strict()).default([]),
  /** [English phrase, Chinese term, …] of this report ("jiangjin" → 江津). */
  english: z.array(z.array(z.string().min(1)).min(2)).default([]),
}).strict();

export type ReportSidecar = z.infer<typeof reportSidecarSchema>;
