import type { Chunk } from "../../chunking/chunk.js";
import type { RetrievedPassage } from "../../retrieval/retrieved-passage.js";
import type { GeneratedSentence } from "../../schemas/ask-response.js";
import { splitSentences } from "../../text/sentences.js";
import { isMostlyLatin } from "../../verification/claims.js";
import type { VerifiedClaim } from "../../verification/verification-schema.js";
import { verifyText, type VerifierEngine } from "../../verification/verify-text.js";
import type { VerifierSettings } from "../../verification/verifier-settings.js";
import type { AnswerPiece } from "../answer-draft.js";
import { markerNumbers, normalizeMarkers, stripMarkers } from "./markers.js";

/**
 * The verification gate on a generated answer. Every claim of every sentence is checked
 * against the passage its [n] cites (offsets into the report, figures compared) and against
 * all the passages the model was given. A sentence stays when each of its claims is supported
 * by what it cites; its marker is repaired when another given passage supports it instead;
 * otherwise it is removed. What stays is rebuilt with the product's markers: [1], [2] … in
 * order of first use, each an exact span of the report.
 */

export type SentenceAction = GeneratedSentence["action"];

export interface GateResult {
  /** The answer as shown: kept and repaired sentences, each ending with the markers of its spans. */
  readonly answer: string;
  readonly pieces: readonly AnswerPiece[];
  /** Every sentence the model wrote, with its verdict and what the gate did. */
  readonly sentences: readonly GeneratedSentence[];
}

const CLOSING = /([。！？!?；;…]+[”’」』)）]*|\.(?=\s|$))\s*$/u;

interface SentenceParts {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly claims: VerifiedClaim[];
}

function bySentence(answer: string, claims: readonly VerifiedClaim[]): SentenceParts[] {
  const sentences = splitSentences(answer).map((sentence) => ({ ...sentence, claims: [] as VerifiedClaim[] }));
  for (const claim of claims) {
    const holder = sentences.find((sentence) => claim.start >= sentence.start && claim.start < sentence.end) ?? sentences.at(-1);
    holder?.claims.push(claim);
  }
  return sentences.filter((sentence) => sentence.claims.length > 0);
}

type Span = VerifiedClaim["spans"][number];

/** Whether a span lies in a chunk (chunks overlap: the same words may be found through a neighbour). */
const spanIn = (span: Span, chunk: Chunk): boolean =>
  span.chunkId === chunk.id || (span.source === chunk.source && span.quoteStart >= chunk.start && span.quoteEnd <= chunk.end);

/**
 * The check a claim passes, and the span it rests on: its citation's first, else any given
 * passage's. A sentence's [n] stands at its end, so the clauses before it carry no marker of
 * their own: such a claim is kept when the span its support rests on (or one as good) lies in a
 * passage its sentence cites.
 */
function judge(claim: VerifiedClaim, sentenceCites: readonly Chunk[]): { action: SentenceAction; span: Span | undefined } {
  if (claim.cited?.verdict === "supported" && claim.cited.span) return { action: "kept", span: claim.cited.span };
  if (!claim.cited && claim.verdict === "supported") {
    // As good a span as the one the verdict rests on (the same words, or that span itself), not a weaker one.
    const best = claim.spans[0]?.containment ?? Number.POSITIVE_INFINITY;
    const cited = claim.spans.find((span) => span.containment >= best && sentenceCites.some((chunk) => spanIn(span, chunk)));
    if (cited) return { action: "kept", span: cited };
  }
  if (claim.verdict === "supported" && claim.spans[0]) return { action: "repaired", span: claim.spans[0] };
  return { action: "removed", span: undefined };
}

export async function gateAnswer(
  generated: string,
  passages: readonly RetrievedPassage[],
  engine: VerifierEngine,
  settings: VerifierSettings,
): Promise<GateResult> {
  const text = normalizeMarkers(generated, passages.length).trim();
  if (!/[\p{L}\p{N}]/u.test(stripMarkers(text))) return { answer: "", pieces: [], sentences: [] };
  const chunks: readonly Chunk[] = passages.map((passage) => passage.chunk);
  const citations = chunks.map((chunk, index) => ({ marker: index + 1, chunkId: chunk.id, source: chunk.source, quoteStart: chunk.start, quoteEnd: chunk.end }));
  // Most answers are faithful: checked against the passages they cite alone first (a fraction of
  // the work), they pass whole. Anything short of that is checked against every given passage,
  // which finds the passage that supports a sentence cited wrongly.
  const cited = markerNumbers(text, passages.length).map((marker) => chunks[marker - 1]!);
  if (cited.length > 0 && cited.length < chunks.length) {
    const quick = judgeSentences(text, passages, await verifyText(engine, { text, citations }, settings, { candidates: cited }));
    if (quick.sentences.length > 0 && quick.sentences.every((sentence) => sentence.action === "kept")) return quick;
  }
  return judgeSentences(text, passages, await verifyText(engine, { text, citations }, settings, { candidates: chunks }));
}

/** Each sentence of the checked text kept, repaired or removed; what stays, with its spans as markers. */
function judgeSentences(text: string, passages: readonly RetrievedPassage[], result: { readonly claims: readonly VerifiedClaim[] }): GateResult {
  const chunks: readonly Chunk[] = passages.map((passage) => passage.chunk);
  const pieces: AnswerPiece[] = [];
  const markerOf = (span: Span): number => {
    const chunk = chunks.find((candidate) => candidate.id === span.chunkId) ?? chunks.find((candidate) => spanIn(span, candidate));
    let index = pieces.findIndex((piece) => piece.quoteStart === span.quoteStart && piece.quoteEnd === span.quoteEnd);
    if (index < 0 && chunk) {
      pieces.push({ chunk, quoteStart: span.quoteStart, quoteEnd: span.quoteEnd, quote: span.quote, score: span.containment });
      index = pieces.length - 1;
    }
    return index + 1;
  };

  const shown: string[] = [];
  const sentences: GeneratedSentence[] = bySentence(text, result.claims).map((sentence) => {
    const sentenceCites = markerNumbers(sentence.text, passages.length).map((marker) => chunks[marker - 1]!);
    const judged = sentence.claims.map((claim) => judge(claim, sentenceCites));
    const action: SentenceAction = judged.some((item) => item.action === "removed") ? "removed" : judged.some((item) => item.action === "repaired") ? "repaired" : "kept";
    const verdicts = sentence.claims.map((claim) => claim.verdict);
    const verdict = verdicts.includes("contradicted") ? "contradicted" : action === "removed" ? (verdicts.every((item) => item === "not-found") ? "not-found" : "partly-supported") : "supported";
    const plain = stripMarkers(sentence.text).trim();
    let markers: number[] = [];
    if (action !== "removed") {
      markers = [...new Set(judged.flatMap((item) => (item.span ? [markerOf(item.span)] : [])).filter((marker) => marker > 0))];
      const closing = CLOSING.exec(plain);
      const body = closing ? plain.slice(0, closing.index) : plain;
      shown.push(`${body}${markers.map((marker) => `[${marker}]`).join("")}${closing ? closing[0].trim() : ""}`);
    }
    return {
      text: plain,
      verdict,
      action,
      markers,
      citedAs: markerNumbers(sentence.text, passages.length),
      reasons: sentence.claims.flatMap((claim) => (claim.verdict === "supported" ? [] : claim.reasons.filter((reason) => reason.kind !== "words-missing").map((reason) => reason.message))),
    };
  });
  // English sentences are separated by a space; Chinese ones follow each other directly.
  return { answer: shown.join(isMostlyLatin(text) ? " " : ""), pieces, sentences };
}
