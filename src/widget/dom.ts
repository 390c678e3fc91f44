// The only way the widget creates markup. Strings always become text nodes and attributes
// are set one by one, so server text (questions, answers, passages) can never turn into
// elements or event handlers: there is no innerHTML anywhere in src/widget.

type Child = Node | string | null | undefined | false;

export interface ElementOptions {
  readonly className?: string;
  readonly text?: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}, children: readonly Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  for (const [name, value] of Object.entries(options.attributes ?? {})) {
    // Handlers are attached with addEventListener; an on* attribute here would be a bug (and a CSP violation).
    if (/^on/iu.test(name)) throw new Error(`refusing event-handler attribute ${name}`);
    node.setAttribute(name, value);
  }
  if (options.text !== undefined) node.textContent = options.text;
  append(node, children);
  return node;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
}

/** A button that is never a form submitter by accident. */
export function button(options: ElementOptions = {}, children: readonly Child[] = []): HTMLButtonElement {
  return element("button", { ...options, attributes: { type: "button", ...options.attributes } }, children);
}

let counter = 0;
/** A document-unique id for aria-controls / aria-labelledby pairs. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `jjqa-${prefix}-${counter}`;
}

/** Visually hidden but read by screen readers (styled by .jjqa-sr-only). */
export function screenReaderText(text: string): HTMLSpanElement {
  return element("span", { className: "jjqa-sr-only", text });
}
