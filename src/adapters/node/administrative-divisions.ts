import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { z } from "zod";
import { QaError } from "../../core/errors.js";
import type { AdministrativeDivision } from "../../core/lexicon/gazetteer.js";
import type { LexiconSource } from "../../core/lexicon/question-lexicon.js";

/**
 * China's administrative divisions from the npm package china-area-data (MIT; the
 * National Bureau of Statistics list of divisions at county level and above), read at
 * ingest. Its data.json maps a parent code ("86" for the country) to {code: name}.
 */
const require = createRequire(import.meta.url);
const dataSchema = z.record(z.string(), z.record(z.string(), z.string()));

export async function loadAdministrativeDivisions(): Promise<{ list: AdministrativeDivision[]; source: LexiconSource }> {
  let raw: string;
  let version: string;
  try {
    raw = await readFile(require.resolve("china-area-data/data.json"), "utf8");
    version = (JSON.parse(await readFile(require.resolve("china-area-data/package.json"), "utf8")) as { version: string }).version;
  } catch (error) {
    throw new QaError("corpus_invalid", `The list of administrative divisions (npm package china-area-data) cannot be read: ${error instanceof Error ? error.message : String(error)}. Run: npm install`);
  }
  const data = dataSchema.parse(JSON.parse(raw));
  const list: AdministrativeDivision[] = [];
  for (const [parentCode, children] of Object.entries(data)) {
    for (const [code, name] of Object.entries(children)) list.push({ code, name, ...(parentCode === "86" ? {} : { parentCode }) });
  }
  list.sort((left, right) => (left.code < right.code ? -1 : left.code > right.code ? 1 : 0));
  return {
    list,
    source: {
      id: "china-area-data",
      name: `china-area-data ${version} (National Bureau of Statistics list of administrative divisions, 2019-10-31)`,
      licence: "MIT",
      version,
      sha256: createHash("sha256").update(raw).digest("hex"),
    },
  };
}
