import { DEFAULT_ANSWERER_SETTINGS, type AnswererSettingsOverrides } from "../core/answering/extractive-answerer.js";
import { DEFAULT_RANKING_WEIGHTS } from "../core/answering/ranking-weights.js";
import { QaError } from "../core/errors.js";

/** One value of every `--set` option: a label for the table and the overrides it makes. */
export interface SettingChoice {
  readonly label: string | undefined;
  readonly overrides: AnswererSettingsOverrides | undefined;
}

const TOP_LEVEL = Object.keys(DEFAULT_ANSWERER_SETTINGS).filter((key) => key !== "ranking");
const RANKING = Object.keys(DEFAULT_RANKING_WEIGHTS);

/**
 * `--set minimumSupport=0.4,0.45 --set ranking.support=0.6` → every combination, one
 * configuration each (the sweep of the answerer's named settings). Names are the fields of
 * ExtractiveAnswererSettings and `ranking.<weight>` for RankingWeights; values are numbers.
 */
export function settingChoices(options: readonly string[], usage: (message: string) => QaError): SettingChoice[] {
  let choices: SettingChoice[] = [{ label: undefined, overrides: undefined }];
  for (const option of options) {
    const match = /^([A-Za-z.]+)=(.+)$/u.exec(option);
    if (!match) throw usage(`--set takes name=value[,value…], not "${option}".`);
    const [, name, list] = match as unknown as [string, string, string];
    const rankingName = name.startsWith("ranking.") ? name.slice("ranking.".length) : undefined;
    if (rankingName === undefined ? !TOP_LEVEL.includes(name) : !RANKING.includes(rankingName)) {
      throw usage(`--set: unknown setting "${name}"; settings are ${TOP_LEVEL.join(", ")} and ranking.<${RANKING.join("|")}>.`);
    }
    const values = list.split(",").map((text) => {
      const value = Number(text.trim());
      if (!Number.isFinite(value) || text.trim() === "") throw usage(`--set ${name}: "${text}" is not a number.`);
      return value;
    });
    choices = choices.flatMap((choice) =>
      values.map((value) => ({
        label: [choice.label, `${name}=${value}`].filter(Boolean).join(" "),
        overrides:
          rankingName === undefined
            ? { ...choice.overrides, [name]: value }
            : { ...choice.overrides, ranking: { ...choice.overrides?.ranking, [rankingName]: value } },
      })),
    );
  }
  return choices;
}
