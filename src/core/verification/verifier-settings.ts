/**
 * The verifier's thresholds, on a claim's support: the share of its wording (character
 * bigrams, figures and the report's own subject aside) that its best report span holds.
 * Chosen on the dev half of the labelled claims (eval/claims, odd ids, and the generator's dev
 * seed) with `npm run eval:verifier -- --set name=v1,v2`; the blind half is only reported.
 */
export interface VerifierSettings {
  /** At least this support, every figure found and nothing changed: supported. */
  readonly supportedAt: number;
  /** At least this support: partly supported; below it the report does not say it. */
  readonly partlyAt: number;
  /** At least this support and a figure, place or member stated differently: contradicted (below it, the span is no evidence of the same statement). */
  readonly contradictedAt: number;
  /**
   * How much the share of the claim's words found in the span counts beside the share of its
   * character pairs (support = max(pairs, (1 − w)·pairs + w·words)): words keep a reworded
   * claim's support, pairs keep a salad of the report's words from looking like a statement.
   */
  readonly wordWeight: number;
  /** Report passages retrieved per claim, each giving its best span. */
  readonly passages: number;
}

export const DEFAULT_VERIFIER_SETTINGS: VerifierSettings = {
  supportedAt: 0.6,
  partlyAt: 0.55,
  contradictedAt: 0.5,
  wordWeight: 0.5,
  passages: 6,
};

/** The settings `--set` may change, with their bounds. */
export const VERIFIER_SETTING_BOUNDS: Readonly<Record<keyof VerifierSettings, readonly [number, number]>> = {
  supportedAt: [0, 1],
  partlyAt: [0, 1],
  contradictedAt: [0, 1],
  wordWeight: [0, 1],
  passages: [1, 50],
};
