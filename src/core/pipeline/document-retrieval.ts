import { comparedDocuments, documentsAbout, type ScopedQuestion } from "../answering/document-scope.js";
import type { RetrievedPassage } from "../retrieval/retrieved-passage.js";
import type { QaEngine } from "./qa-engine.js";

/**
 * Retrieval over the documents a question may be answered from. Over a one-document corpus,
 * or a question about every document, it is one search, exactly as before. A documents
 * filter, or a question that names one document's place (or a year only some documents
 * hold), searches those documents only. A question that compares documents
 * (document-scope.ts: "江津区和永川区…分别是多少") searches each and interleaves their
 * rankings, so the answerer has passages of every one to cite.
 */
export async function retrieveFromDocuments(
  engine: QaEngine,
  searchText: string,
  question: ScopedQuestion,
  count: number,
  allowed: readonly string[] | undefined,
): Promise<RetrievedPassage[]> {
  const all = engine.documents;
  const inScope = allowed ? all.filter((document) => allowed.includes(document.source)) : all;
  if (all.length <= 1) return engine.retriever.retrieve(searchText, count);
  const about = documentsAbout(question, inScope);
  const compared = comparedDocuments(question, inScope);
  if (compared.length > 0) {
    const rankings = await Promise.all(compared.map((document) => engine.retriever.retrieve(searchText, count, { sources: new Set([document.source]) })));
    return interleave(rankings, count);
  }
  if (about.length === all.length) return engine.retriever.retrieve(searchText, count);
  return engine.retriever.retrieve(searchText, count, { sources: new Set(about.map((document) => document.source)) });
}

/** First of each ranking, then second of each …: scores of separate searches are not comparable, ranks are. */
function interleave(rankings: readonly (readonly RetrievedPassage[])[], count: number): RetrievedPassage[] {
  const merged: RetrievedPassage[] = [];
  for (let rank = 0; merged.length < count && rankings.some((ranking) => rank < ranking.length); rank++) {
    for (const ranking of rankings) {
      const passage = ranking[rank];
      if (passage && merged.length < count) merged.push(passage);
    }
  }
  return merged;
}
