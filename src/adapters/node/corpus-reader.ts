import { readdir, readFile } from "node:fs/promises";
import * as path from "node:path";
import { z } from "zod";
import type { SourceDocument } from "../../core/chunking/source-document.js";
import { QaError } from "../../core/errors.js";
import { reportSidecarSchema } from "../../core/lexicon/report-sidecar.js";

const metaSchema = z
  .object({ title: z.string().min(1), shortTitle: z.string().min(1).optional(), author: z.string().optional(), published: z.string().optional(), language: z.string().min(1).optional(), subjectInEnglish: z.string().min(1).optional(), parentInEnglish: z.string().min(1).optional() })
  .passthrough();
const outlineSchema = z.object({ topLevelHeadings: z.array(z.string()) });

/**
 * A name for source lists: the meta file's shortTitle, else a title's subtitle after "——"
 * (Chinese report titles put the slogan first: "高质量建设… ——中国共产党重庆市江津区第十五次代表大会报告解读").
 */
export function shortTitleOf(meta: { title: string; shortTitle?: string | undefined } | undefined): string | undefined {
  if (!meta) return undefined;
  if (meta.shortTitle) return meta.shortTitle;
  const subtitle = meta.title.split(/——|--/u).at(-1)?.trim();
  return subtitle && subtitle !== meta.title.trim() ? subtitle : undefined;
}

async function readJsonSidecar<T>(file: string, schema: z.ZodType<T>): Promise<T | undefined> {
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    return schema.parse(JSON.parse(raw));
  } catch (error) {
    throw new QaError("corpus_invalid", `${file} is not valid: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Every .txt and .md file in the corpus folder, in name order, with its title from
 * `<name>.meta.json` (else its first line), optional outline hints from
 * `<name>.outline.json` and the report's own vocabulary from `<name>.lexicon.json`. Sources are reported relative to the project, e.g. "corpus/x.txt".
 */
export async function readCorpus(corpusDirectory: string, sourcePrefix = "corpus"): Promise<SourceDocument[]> {
  let names: string[];
  try {
    names = (await readdir(corpusDirectory)).filter((name) => /\.(txt|md)$/iu.test(name)).sort();
  } catch {
    throw new QaError("corpus_invalid", `Corpus folder ${corpusDirectory} cannot be read.`);
  }
  return Promise.all(
    names.map(async (name) => {
      const base = name.replace(/\.(txt|md)$/iu, "");
      const text = await readFile(path.join(corpusDirectory, name), "utf8");
      const meta = await readJsonSidecar(path.join(corpusDirectory, `${base}.meta.json`), metaSchema);
      const outline = await readJsonSidecar(path.join(corpusDirectory, `${base}.outline.json`), outlineSchema);
      const lexicon = await readJsonSidecar(path.join(corpusDirectory, `${base}.lexicon.json`), reportSidecarSchema);
      // The first line is needed only without a title in meta.json (splitting every text costs time at scale).
      const firstLine = (): string => text.split(/\r?\n/u).find((line) => line.trim())?.trim() ?? base;
      return {
        source: `${sourcePrefix}/${name}`,
        title: meta?.title ?? firstLine(),
        ...(meta?.author ? { author: meta.author } : {}),
        ...(meta?.published ? { published: meta.published } : {}),
        ...(shortTitleOf(meta) ? { shortTitle: shortTitleOf(meta)! } : {}),
        ...(meta?.language ? { language: meta.language } : {}),
        // English place names: the meta file's when it gives them, else the lexicon sidecar's subject (ours; the meta file is the owner's, kept as given).
        ...(meta?.subjectInEnglish ?? lexicon?.subject?.placeInEnglish ? { subjectInEnglish: (meta?.subjectInEnglish ?? lexicon?.subject?.placeInEnglish)! } : {}),
        ...(meta?.parentInEnglish ?? lexicon?.subject?.parentInEnglish ? { parentInEnglish: (meta?.parentInEnglish ?? lexicon?.subject?.parentInEnglish)! } : {}),
        text,
        ...(outline ? { topLevelHeadings: outline.topLevelHeadings } : {}),
        ...(lexicon ? { lexicon } : {}),
      };
    }),
  );
}
