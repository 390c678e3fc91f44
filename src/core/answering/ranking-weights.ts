/**
 * Every weight the extractive answerer ranks sentences and picks pieces with, by name, in
 * one object: `npm run eval -- --set ranking.support=0.6,0.7` sweeps any of them on the
 * dev split (docs/DECISIONS.md records the values chosen and the sweeps behind them).
 */
export interface RankingWeights {
  /** Share of the question's weighted words the sentence holds. */
  readonly support: number;
  /** Vector similarity of sentence and question. */
  readonly similarity: number;
  /** The passage's retrieval score relative to the best passage's. */
  readonly passageRank: number;
  /** A how-many / when question: a sentence with a figure or date gains this … */
  readonly figureBonus: number;
  /** … and one without loses this. */
  readonly figurePenalty: number;
  /** "…怎么样": a figure says where something stands. */
  readonly statusFigureBonus: number;
  /** Every year the question names is in the sentence / one is missing. */
  readonly yearBonus: number;
  readonly yearPenalty: number;
  /** The sentence defines the quoted term asked about ("“一城”,即宜居城市"). */
  readonly definitionBonus: number;
  /** A who-question's role word is missing from the sentence. */
  readonly missingRolePenalty: number;
  /** The sentence's tense (achievement or plan) agrees / disagrees with the question's. */
  readonly tenseBonus: number;
  readonly tensePenalty: number;
  /** A how, why or list question: a sentence under a heading that names the question's words gains this times the share the heading holds. */
  readonly headingBonus: number;
  /** Words a question took from elsewhere (a follow-up from the conversation, a later part from the first) count this share of their weight in ranking; its own words count whole. */
  readonly inheritedTermShare: number;
  /** A further piece must score at least this share of the best one and bring new words … */
  readonly furtherPieceShare: number;
  /** … a list question takes further sentences nearly as good as the best … */
  readonly listPieceShare: number;
  /** … and the rest of a sentence split by a semicolon joins with this share of the best one's support. */
  readonly continuationSupportShare: number;
  /** A figure-bearing sentence moves to the top of a how-many answer when it scores this share of the top one. */
  readonly figurePromotionShare: number;
}

export const DEFAULT_RANKING_WEIGHTS: RankingWeights = {
  support: 0.65,
  similarity: 0.2,
  passageRank: 0.15,
  figureBonus: 0.08,
  figurePenalty: 0.1,
  statusFigureBonus: 0.05,
  yearBonus: 0.1,
  yearPenalty: 0.05,
  definitionBonus: 0.3,
  missingRolePenalty: 0.5,
  tenseBonus: 0.1,
  tensePenalty: 0.05,
  headingBonus: 0.2,
  inheritedTermShare: 0.5,
  furtherPieceShare: 0.6,
  listPieceShare: 0.9,
  continuationSupportShare: 0.5,
  figurePromotionShare: 0.8,
};
