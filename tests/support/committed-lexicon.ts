import { readFileSync } from "node:fs";
import { parseQuestionLexicon } from "../../src/core/lexicon/load-question-lexicon.js";
import type { QuestionLexicon } from "../../src/core/lexicon/question-lexicon.js";
import { projectRoot } from "./corpus.js";

let committed: QuestionLexicon | undefined;

/** The lexicon of the committed index (index/), parsed once: what the service answers with. */
export function committedLexicon(): QuestionLexicon {
  if (committed) return committed;
  const manifest = JSON.parse(readFileSync(`${projectRoot}index/manifest.json`, "utf8")) as { files: { lexicon: { path: string } } };
  committed = parseQuestionLexicon(readFileSync(`${projectRoot}index/${manifest.files.lexicon.path}`));
  return committed;
}
