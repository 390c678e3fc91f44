import type { AskResponse } from "./api-types.js";
import { formatSectionPath } from "./section-path.js";
import type { UiStrings } from "./ui-strings.js";

/**
 * What "copy" puts on the clipboard: the question, the answer with its markers, and each
 * source with its section and full quote — readable when pasted into a chat or a document.
 *
 *   问：到2026年地区生产总值目标是多少?
 *   答：到2026年,地区生产总值达1800亿元左右[1]。
 *   出处：
 *   [1] 未来五年建设“五地一城”
 *       “到2026年,地区生产总值达1800亿元左右”
 *   ——《高质量建设同城化发展先行区…》
 */
export function answerAsPlainText(response: AskResponse, strings: UiStrings): string {
  const lines = [`${strings.plainQuestion}${response.question}`, `${strings.plainAnswer}${response.answer}`];
  if (response.citations.length > 0) {
    lines.push("", strings.plainSources);
    for (const citation of response.citations) {
      const document = citation.document ? `《${citation.document.shortTitle}》 ` : "";
      lines.push(`[${citation.marker}] ${document}${formatSectionPath(citation.section)}`, `    “${citation.quote}”`);
    }
    // One report: its title closes the list. Several: each source has named its own.
    const title = response.citations[0]?.title;
    if (title && !response.citations.some((citation) => citation.document)) lines.push(`——《${title}》`);
  }
  return lines.join("\n");
}
