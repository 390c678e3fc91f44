import type { JsonSchema, OpenApiDocument, OpenApiMediaType, OpenApiOperation, OpenApiParameter, OpenApiResponse } from "./openapi-types.js";
import { escapeHtml, pageHead } from "../html.js";

/**
 * GET /docs: the OpenAPI document as one server-rendered page. No script at all (the pages'
 * CSP allows only this origin's files, and a reference needs none: examples fold with
 * <details>), one stylesheet from this server, nothing from any other host.
 */


/** Descriptions use `backticks` for code, as Markdown does; nothing else of Markdown is needed. */
const prose = (text: string): string => escapeHtml(text).replace(/`([^`]+)`/gu, "<code>$1</code>");

const anchor = (kind: "op" | "schema" | "tag", name: string): string => `${kind}-${name.replace(/[^A-Za-z0-9_-]/gu, "-")}`;

const pretty = (value: unknown): string => `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;

/** A schema in a line: a link to its component, or its type and limits. */
function schemaSummary(schema: JsonSchema): string {
  const ref = schema.$ref;
  if (typeof ref === "string") {
    const name = ref.slice(ref.lastIndexOf("/") + 1);
    return `<a href="#${anchor("schema", name)}">${escapeHtml(name)}</a>`;
  }
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).map(schemaSummary).join(" or ");
  const parts: string[] = [];
  if (Array.isArray(schema.enum)) parts.push(schema.enum.map((value) => `<code>${escapeHtml(JSON.stringify(value))}</code>`).join(" | "));
  else parts.push(escapeHtml(String(schema.format ?? schema.type ?? "any")));
  const range = (low: unknown, high: unknown, unit: string): void => {
    if (low !== undefined || high !== undefined) parts.push(`${low ?? ""}–${high ?? ""}${unit}`);
  };
  range(schema.minimum, schema.maximum, "");
  range(schema.minLength, schema.maxLength, " characters");
  if (schema.default !== undefined) parts.push(`default <code>${escapeHtml(JSON.stringify(schema.default))}</code>`);
  return parts.join(", ");
}

const SECURITY_TEXT: Record<string, string> = {
  apiKey: "<code>Authorization: Bearer &lt;API_KEY&gt;</code> when the server sets API_KEY",
  adminKey: "<code>Authorization: Bearer &lt;ADMIN_KEY&gt;</code>",
};

function security(operation: OpenApiOperation): string {
  const keys = operation.security.flatMap((requirement) => Object.keys(requirement));
  if (keys.length === 0) return "None: open to everyone.";
  return keys.map((key) => SECURITY_TEXT[key] ?? escapeHtml(key)).join("; ");
}

function parametersTable(parameters: readonly OpenApiParameter[]): string {
  const rows = parameters.map(
    (parameter) =>
      `<tr><td><code>${escapeHtml(parameter.name)}</code>${parameter.required ? " <span class=\"required\">required</span>" : ""}</td><td>${escapeHtml(parameter.in)}</td><td>${schemaSummary(parameter.schema)}</td><td>${prose(parameter.description)}${parameter.example === undefined ? "" : ` Example: <code>${escapeHtml(String(parameter.example))}</code>`}</td></tr>`,
  );
  return `<h4>Parameters</h4><table><thead><tr><th>name</th><th>in</th><th>schema</th><th>description</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function media(type: string, content: OpenApiMediaType): string {
  const events = content["x-events"]
    ? `<ul class="events">${Object.entries(content["x-events"]).map(([event, schema]) => `<li><code>event: ${escapeHtml(event)}</code> data: ${schemaSummary(schema)}</li>`).join("")}</ul>`
    : "";
  const lines = content["x-lines"] ? ` — each line: ${schemaSummary(content["x-lines"])}` : "";
  const examples = Object.entries(content.examples ?? {})
    .map(([name, example]) => `<details><summary>Example: ${escapeHtml(example.summary || name)}</summary>${pretty(example.value)}</details>`)
    .join("");
  return `<div class="media"><code>${escapeHtml(type)}</code> ${schemaSummary(content.schema)}${lines}${events}${examples}</div>`;
}

function responseRow(status: string, response: OpenApiResponse): string {
  const headers = Object.entries(response.headers ?? {})
    .map(([name, header]) => `<li><code>${escapeHtml(name)}</code>: ${prose(header.description)}</li>`)
    .join("");
  const content = Object.entries(response.content ?? {})
    .map(([type, body]) => media(type, body))
    .join("");
  return `<tr><td class="status status-${escapeHtml(status[0] ?? "")}">${escapeHtml(status)}</td><td>${prose(response.description)}${headers ? `<ul class="headers">${headers}</ul>` : ""}${content}</td></tr>`;
}

function operationSection(method: string, path: string, operation: OpenApiOperation): string {
  const body = operation.requestBody
    ? `<h4>Request body</h4>${Object.entries(operation.requestBody.content).map(([type, content]) => media(type, content)).join("")}`
    : "";
  return `<article class="operation" id="${anchor("op", operation.operationId)}">
<h3><span class="method method-${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
<p class="summary">${prose(operation.summary)}</p>
<p>${prose(operation.description)}</p>
<p class="auth"><strong>Authorization:</strong> ${security(operation)}</p>
${operation.parameters ? parametersTable(operation.parameters) : ""}${body}
<h4>Responses</h4><table class="responses"><tbody>${Object.entries(operation.responses).map(([status, response]) => responseRow(status, response)).join("")}</tbody></table>
</article>`;
}

interface Entry {
  readonly method: string;
  readonly path: string;
  readonly operation: OpenApiOperation;
}

function entries(document: OpenApiDocument): Entry[] {
  return Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ method, path, operation: operation as OpenApiOperation })));
}

/** The whole page; `stylesheet` is the URL of docs.css on this server. */
export function docsPage(document: OpenApiDocument, stylesheet: string): string {
  const all = entries(document);
  const byTag = document.tags.map((tag) => ({ tag, operations: all.filter((entry) => entry.operation.tags.includes(tag.name)) }));
  const navigation = byTag
    .map(({ tag, operations }) => `<li><a href="#${anchor("tag", tag.name)}">${escapeHtml(tag.name)}</a><ul>${operations.map(({ method, path, operation }) => `<li><a href="#${anchor("op", operation.operationId)}"><span class="method method-${method}">${method.toUpperCase()}</span> ${escapeHtml(path)}</a></li>`).join("")}</ul></li>`)
    .join("");
  const sections = byTag
    .map(({ tag, operations }) => `<section id="${anchor("tag", tag.name)}"><h2>${escapeHtml(tag.name)}</h2><p>${prose(tag.description)}</p>${operations.map(({ method, path, operation }) => operationSection(method, path, operation)).join("\n")}</section>`)
    .join("\n");
  const schemas = Object.entries(document.components.schemas)
    // Open, not folded: a schema link lands on the schema itself (a fragment cannot open <details> without a script).
    .map(([name, schema]) => `<article class="schema" id="${anchor("schema", name)}"><h3>${escapeHtml(name)}</h3>${pretty(schema)}</article>`)
    .join("\n");
  const { info } = document;
  return `${pageHead(`${info.title} API ${info.version}`, "en")}
<link rel="stylesheet" href="${escapeHtml(stylesheet)}">
</head>
<body>
<header><h1>${escapeHtml(info.title)} API <small>${escapeHtml(info.version)} · OpenAPI ${escapeHtml(document.openapi)}</small></h1>
${info.description.split("\n\n").map((paragraph) => `<p>${prose(paragraph)}</p>`).join("\n")}
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a>.</p></header>
<nav><ul>${navigation}<li><a href="#schemas">Schemas</a></li></ul></nav>
<main>
${sections}
<section id="schemas"><h2>Schemas</h2><p>JSON Schema 2020-12, generated from the zod schemas the server validates with.</p>
${schemas}
</section>
</main>
</body>
</html>
`;
}
