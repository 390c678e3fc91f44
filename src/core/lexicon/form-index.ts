/**
 * Many short strings looked up at every position of a text: the strings grouped by their
 * first character, longest first, so a position costs a look-up and a few comparisons
 * instead of one `includes` per string over the whole text.
 */
export type FormIndex = ReadonlyMap<string, readonly string[]>;

export function buildFormIndex(forms: Iterable<string>): FormIndex {
  const index = new Map<string, string[]>();
  for (const form of new Set(forms)) {
    if (!form) continue;
    const list = index.get(form[0]!);
    if (list) list.push(form);
    else index.set(form[0]!, [form]);
  }
  for (const list of index.values()) list.sort((left, right) => right.length - left.length || (left < right ? -1 : 1));
  return index;
}

/** The longest form that starts at `position` of `text`, if any. */
export function longestFormAt(text: string, position: number, index: FormIndex): string | undefined {
  for (const form of index.get(text[position]!) ?? []) if (text.startsWith(form, position)) return form;
  return undefined;
}

/** Which of `forms` occur anywhere in `texts`: one pass over the texts, whatever the number of forms. */
export function formsOccurringIn(forms: Iterable<string>, texts: readonly string[]): Set<string> {
  const index = buildFormIndex(forms);
  const found = new Set<string>();
  for (const text of new Set(texts)) {
    for (let position = 0; position < text.length; position++) {
      for (const form of index.get(text[position]!) ?? []) if (text.startsWith(form, position)) found.add(form);
    }
  }
  return found;
}
