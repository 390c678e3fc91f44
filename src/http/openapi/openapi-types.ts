/** The parts of an OpenAPI 3.1 document this service writes (openapi-document.ts) and the reference page reads (docs-page.ts). */

export type JsonSchema = Readonly<Record<string, unknown>>;

export interface OpenApiExample {
  readonly summary: string;
  readonly value: unknown;
}

export interface OpenApiMediaType {
  readonly schema: JsonSchema;
  readonly examples?: Readonly<Record<string, OpenApiExample>>;
  /** Server-Sent Events: event name → schema of its `data` (OpenAPI 3.1 has no field for it). */
  readonly "x-events"?: Readonly<Record<string, JsonSchema>>;
  /** JSON Lines: the schema of each line. */
  readonly "x-lines"?: JsonSchema;
}

export interface OpenApiHeader {
  readonly description: string;
  readonly schema: JsonSchema;
}

export interface OpenApiResponse {
  readonly description: string;
  readonly headers?: Readonly<Record<string, OpenApiHeader>>;
  readonly content?: Readonly<Record<string, OpenApiMediaType>>;
}

export interface OpenApiParameter {
  readonly name: string;
  readonly in: "query" | "path";
  readonly required: boolean;
  readonly description: string;
  readonly schema: JsonSchema;
  readonly example?: unknown;
}

export interface OpenApiOperation {
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly security: readonly Readonly<Record<string, readonly string[]>>[];
  readonly parameters?: readonly OpenApiParameter[];
  readonly requestBody?: { readonly required: true; readonly content: Readonly<Record<string, OpenApiMediaType>> };
  readonly responses: Readonly<Record<string, OpenApiResponse>>;
}

export type OpenApiMethod = "get" | "post";

export interface OpenApiSecurityScheme {
  readonly type: "http";
  readonly scheme: "bearer";
  readonly description: string;
}

export interface OpenApiDocument {
  readonly openapi: "3.1.0";
  readonly info: { readonly title: string; readonly version: string; readonly summary: string; readonly description: string };
  readonly servers: readonly { readonly url: string; readonly description: string }[];
  readonly tags: readonly { readonly name: string; readonly description: string }[];
  readonly paths: Readonly<Record<string, Partial<Record<OpenApiMethod, OpenApiOperation>>>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonSchema>>;
    readonly securitySchemes: Readonly<Record<string, OpenApiSecurityScheme>>;
  };
}
