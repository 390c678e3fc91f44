import type { AskResponse } from "./api-types.js";
import type { UiStrings } from "./ui-strings.js";

/**
 * The badge above a refusal. An other-place or other-level refusal names the places of the
 * documents the question was checked against, as the server sent them (one report: 报告只涉及
 * 江津区; several: 这些报告只涉及江津区、永川区), so the widget serves any corpus; a response
 * without them (an older server, a document of unknown place) gets a wording that names none.
 */
export function refusalBadge(response: AskResponse, strings: UiStrings): string {
  const reason = response.abstentionReason ?? "not-covered";
  const places = response.refusalPlaces ?? [];
  if ((reason === "other-place" || reason === "other-level") && places.length > 0) return strings.coversOnly(reason, places);
  return strings.notCovered[reason];
}
