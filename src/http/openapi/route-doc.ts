import type { z } from "zod";

/**
 * One route as the OpenAPI description tells it. Each *-route-docs.ts file next to this one
 * describes the routes of one register*Routes function, with the very zod schemas its handlers
 * parse with; openapi-document.ts turns the list into OpenAPI 3.1.
 */

/** A zod schema under the name it gets in `components.schemas`. `io`: which side of its transforms it describes — what clients send (input) or what the server answers (output). */
export interface NamedSchema {
  readonly name: string;
  readonly schema: z.ZodType;
  readonly io: "input" | "output";
}

/** A schema clients send (request bodies, query parameters). */
export const requestSchema = (name: string, schema: z.ZodType): NamedSchema => ({ name, schema, io: "input" });
/** A schema the server answers with. */
export const responseSchema = (name: string, schema: z.ZodType): NamedSchema => ({ name, schema, io: "output" });

export interface Example {
  readonly summary: string;
  readonly value: unknown;
}

/** A body in one media type. Non-JSON bodies (pages, bundles, streams) have no schema: they are text. */
export interface MediaDoc {
  readonly schema?: NamedSchema;
  readonly examples?: Readonly<Record<string, Example>>;
  /** Server-Sent Events: each event name and the JSON schema of its `data`. */
  readonly events?: Readonly<Record<string, NamedSchema>>;
  /** JSON Lines: the schema of each line. */
  readonly lines?: NamedSchema;
}

export interface HeaderDoc {
  readonly description: string;
  readonly schema: Readonly<Record<string, unknown>>;
}

export interface ResponseDoc {
  readonly description: string;
  /** Media type ("application/json", "text/html") → body. Absent: no body (304). */
  readonly content?: Readonly<Record<string, MediaDoc>>;
  readonly headers?: Readonly<Record<string, HeaderDoc>>;
}

/**
 * public: no key ever (pages, health); api: `Authorization: Bearer <API_KEY>` when the server
 * sets API_KEY (auth.ts); admin: always `Authorization: Bearer <ADMIN_KEY>` (admin-routes.ts).
 */
export type Access = "public" | "api" | "admin";

export interface RouteDoc {
  /** As registered in Hono (upper case), so the "every route documented" test compares like with like. */
  readonly method: "GET" | "POST";
  /** As registered in Hono (`:name` for path parameters). */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description: string;
  readonly tag: string;
  readonly access: Access;
  /** An object schema whose keys are the query parameters, each parsed with its own entry (`shape`). */
  readonly query?: { readonly schema: z.ZodObject; readonly descriptions: Readonly<Record<string, string>>; readonly examples?: Readonly<Record<string, unknown>> };
  /** Each `:name` of the path (any text; the handler looks it up). */
  readonly pathParameters?: Readonly<Record<string, { readonly description: string; readonly example: string }>>;
  readonly requestBody?: { readonly schema: NamedSchema; readonly examples: Readonly<Record<string, Example>> };
  /** The route's own responses; openapi-document.ts adds the errors its middleware can answer with (common-errors.ts). */
  readonly responses: Readonly<Record<number, ResponseDoc>>;
  /** Error statuses the handler itself can answer with (its body is the error schema of the status). */
  readonly errors?: readonly number[];
  /** The body of every error of this route when it is not `{"error": {"code", "message"}}` (OpenAI's shape on /v1). */
  readonly errorSchema?: NamedSchema;
}
