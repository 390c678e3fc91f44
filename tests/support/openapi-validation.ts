import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { isJsonMediaType } from "../../src/http/openapi/openapi-document.js";
import type { JsonSchema, OpenApiDocument, OpenApiMediaType, OpenApiOperation } from "../../src/http/openapi/openapi-types.js";

const COMPONENT_PREFIX = "#/components/schemas/";

/** One Server-Sent Event as a client reads it: the event name ("message" when none) and its data lines joined. */
export interface ServerSentEvent {
  readonly event: string;
  readonly data: string;
}

export function parseServerSentEvents(body: string): ServerSentEvent[] {
  return body
    .split(/\r?\n\r?\n/u)
    .filter((block) => block.trim())
    .map((block) => ({
      event: /^event: ?(.+)$/mu.exec(block)?.[1] ?? "message",
      data: [...block.matchAll(/^data: ?(.*)$/gmu)].map((match) => match[1]).join("\n"),
    }));
}

/**
 * Validates values and real responses against an OpenAPI document with a JSON Schema 2020-12
 * validator (Ajv, strict: a keyword it does not know fails compilation instead of passing).
 */
export class OpenApiValidator {
  readonly #ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  readonly #compiled = new Map<JsonSchema, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    // ajv-formats is CommonJS: its default import is the plugin itself at run time.
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.#ajv);
  }

  /** A component reference as the component it names (components hold no references themselves). */
  resolve(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref;
    if (typeof ref !== "string") return schema;
    expect(ref.startsWith(COMPONENT_PREFIX), ref).toBe(true);
    const component = this.document.components.schemas[ref.slice(COMPONENT_PREFIX.length)];
    expect(component, `${ref} exists`).toBeDefined();
    return component!;
  }

  compile(schema: JsonSchema): ValidateFunction {
    const resolved = this.resolve(schema);
    let validate = this.#compiled.get(resolved);
    if (!validate) {
      validate = this.#ajv.compile(resolved);
      this.#compiled.set(resolved, validate);
    }
    return validate;
  }

  /** Fails the test, naming what and where, unless `value` fits `schema`. */
  expectValid(schema: JsonSchema, value: unknown, what: string): void {
    const validate = this.compile(schema);
    const valid = validate(value);
    expect(valid, `${what}: ${this.#ajv.errorsText(validate.errors, { separator: "\n" })}\n${JSON.stringify(value).slice(0, 600)}`).toBe(true);
  }

  operation(method: string, path: string): OpenApiOperation {
    const operation = this.document.paths[path]?.[method.toLowerCase() as "get" | "post"];
    expect(operation, `${method} ${path} is described`).toBeDefined();
    return operation!;
  }

  /**
   * Checks a real response against the operation's description: its status is documented, its
   * media type is one the status lists, its body fits that media type's schema (each event of a
   * stream, each line of JSON Lines), and each documented header it carries fits its schema.
   */
  async expectDocumentedResponse(method: string, path: string, response: Response): Promise<void> {
    const where = `${method} ${path} → ${response.status}`;
    const documented = this.operation(method, path).responses[String(response.status)];
    expect(documented, `${where} is a documented status`).toBeDefined();
    for (const [name, header] of Object.entries(documented!.headers ?? {})) {
      const value = response.headers.get(name);
      if (value !== null) this.expectValid(header.schema, value, `${where} header ${name}`);
    }
    const text = await response.text();
    if (!documented!.content) {
      expect(text, `${where} has no body`).toBe("");
      return;
    }
    const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const media = documented!.content[mediaType];
    expect(media, `${where}: ${mediaType} is a documented media type (${Object.keys(documented!.content).join(", ")})`).toBeDefined();
    this.#expectBody(media!, mediaType, text, `${where} ${mediaType}`);
  }

  #expectBody(media: OpenApiMediaType, mediaType: string, text: string, where: string): void {
    const events = media["x-events"];
    const lines = media["x-lines"];
    if (events) {
      const received = parseServerSentEvents(text);
      expect(received.length, `${where}: events`).toBeGreaterThan(0);
      for (const { event, data } of received) {
        // OpenAI's stream closes with the literal [DONE] (openai-chat-stream.ts), the one data that is not JSON.
        if (data === "[DONE]") continue;
        const schema = events[event];
        expect(schema, `${where}: event "${event}" is documented`).toBeDefined();
        this.expectValid(schema!, JSON.parse(data), `${where} event ${event}`);
      }
    } else if (lines) {
      for (const line of text.split("\n").filter(Boolean)) this.expectValid(lines, JSON.parse(line), `${where} line`);
    } else {
      this.expectValid(media.schema, isJsonMediaType(mediaType) ? JSON.parse(text) : text, where);
    }
  }
}
