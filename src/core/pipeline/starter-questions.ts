import { ask } from "./ask.js";
import type { QaEngine } from "./qa-engine.js";

export interface StarterQuestion {
  readonly question: string;
  readonly section: readonly string[];
}

/**
 * Starter questions for an empty conversation, written from the report's own outline:
 * one per top-level section, about its first sub-section. Each is asked once, and only
 * those the report answers are offered, so a starter never leads to "not covered".
 */
export async function starterQuestions(engine: QaEngine, maximum = 6): Promise<StarterQuestion[]> {
  const candidates: StarterQuestion[] = [];
  const seenTopLevel = new Set<string>();
  for (const chunk of engine.chunks) {
    const [top, sub] = chunk.sectionPath;
    if (!top || !sub || seenTopLevel.has(top)) continue;
    seenTopLevel.add(top);
    const label = sub.replace(/^[(（][一二三四五六七八九十]+[)）]/u, "").split(/[,，]/u)[0]!.trim();
    candidates.push({ question: `“${label}”有哪些具体内容？`, section: [top, sub] });
  }
  const starters: StarterQuestion[] = [];
  for (const candidate of candidates) {
    if (starters.length >= maximum) break;
    const response = await ask(engine, { question: candidate.question });
    if (!response.abstained) starters.push(candidate);
  }
  return starters;
}
