import { z } from "zod";
import packageJson from "../../../package.json" with { type: "json" };
import { errorResponse, middlewareErrorStatuses } from "./common-errors.js";
import type { JsonSchema, OpenApiDocument, OpenApiMediaType, OpenApiOperation, OpenApiParameter, OpenApiResponse } from "./openapi-types.js";
import type { Access, MediaDoc, NamedSchema, ResponseDoc, RouteDoc } from "./route-doc.js";
import { ROUTE_DOCS, TAGS } from "./route-docs.js";

/**
 * A zod schema as JSON Schema 2020-12 (the dialect of OpenAPI 3.1), through zod's own
 * converter, so the description says what the validation does. A schema zod cannot express
 * (a transform on the side described) throws rather than being described loosely.
 */
export function jsonSchemaOf(named: NamedSchema): JsonSchema {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(named.schema, { target: "draft-2020-12", io: named.io }) as Record<string, unknown>;
  // `$defs` refs ("#/$defs/…") would resolve against the OpenAPI document's root, not the component.
  if ("$defs" in schema) throw new Error(`${named.name}: a schema with shared or recursive parts needs $defs, which components cannot hold as written.`);
  return schema;
}

/** components.schemas, filled as routes name their schemas; one name, one schema. */
class SchemaComponents {
  readonly schemas: Record<string, JsonSchema> = {};
  readonly #sources = new Map<string, NamedSchema>();

  ref(named: NamedSchema): JsonSchema {
    const known = this.#sources.get(named.name);
    if (known && (known.schema !== named.schema || known.io !== named.io)) throw new Error(`Two different schemas are both named ${named.name}.`);
    if (!known) {
      this.#sources.set(named.name, named);
      this.schemas[named.name] = jsonSchemaOf(named);
    }
    return { $ref: `#/components/schemas/${named.name}` };
  }
}

const SECURITY: Record<Access, OpenApiOperation["security"]> = {
  public: [],
  // The API key is needed only where the server sets API_KEY: `{}` says "or no credentials".
  api: [{ apiKey: [] }, {}],
  admin: [{ adminKey: [] }],
};

/** Hono's `/items/:id` is OpenAPI's `/items/{id}`. */
const openApiPath = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/gu, "{$1}");

/** application/json and the +json types: bodies a client parses as JSON. */
export const isJsonMediaType = (type: string): boolean => type === "application/json" || type.endsWith("+json");

function mediaType(type: string, media: MediaDoc, components: SchemaComponents): OpenApiMediaType {
  const events = media.events ? Object.fromEntries(Object.entries(media.events).map(([event, schema]) => [event, components.ref(schema)])) : undefined;
  return {
    // Bodies without a schema of their own: a JSON object (this document), else text (pages, bundles, streams).
    schema: media.schema ? components.ref(media.schema) : isJsonMediaType(type) ? { type: "object" } : { type: "string" },
    ...(media.examples ? { examples: media.examples } : {}),
    ...(events ? { "x-events": events } : {}),
    ...(media.lines ? { "x-lines": components.ref(media.lines) } : {}),
  };
}

function response(doc: ResponseDoc, components: SchemaComponents): OpenApiResponse {
  return {
    description: doc.description,
    ...(doc.headers ? { headers: doc.headers } : {}),
    ...(doc.content ? { content: Object.fromEntries(Object.entries(doc.content).map(([type, media]) => [type, mediaType(type, media, components)])) } : {}),
  };
}

function pathParameters(route: RouteDoc): OpenApiParameter[] {
  return [...route.path.matchAll(/:([A-Za-z0-9_]+)/gu)].map(([, name = ""]) => {
    const doc = route.pathParameters?.[name];
    if (!doc) throw new Error(`${route.method} ${route.path}: describe its path parameter ${name}.`);
    return { name, in: "path", required: true, description: doc.description, schema: { type: "string" }, example: doc.example };
  });
}

function queryParameters(route: RouteDoc): OpenApiParameter[] {
  if (!route.query) return [];
  const { schema, descriptions, examples } = route.query;
  const object = jsonSchemaOf({ name: `${route.operationId} query`, schema, io: "input" }) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: object.required?.includes(name) ?? false,
    description: descriptions[name] ?? "",
    schema: property,
    ...(examples?.[name] === undefined ? {} : { example: examples[name] }),
  }));
}

function parameters(route: RouteDoc): OpenApiParameter[] | undefined {
  const all = [...pathParameters(route), ...queryParameters(route)];
  return all.length > 0 ? all : undefined;
}

function operation(route: RouteDoc, components: SchemaComponents): OpenApiOperation {
  const errorStatuses = new Set([...(route.errors ?? []), ...middlewareErrorStatuses(route)]);
  const statuses = [...new Set([...Object.keys(route.responses).map(Number), ...errorStatuses])].sort((left, right) => left - right);
  const query = parameters(route);
  return {
    operationId: route.operationId,
    summary: route.summary,
    description: route.description,
    tags: [route.tag],
    security: SECURITY[route.access],
    ...(query ? { parameters: query } : {}),
    ...(route.requestBody
      ? { requestBody: { required: true, content: { "application/json": mediaType("application/json", { schema: route.requestBody.schema, examples: route.requestBody.examples }, components) } } }
      : {}),
    responses: Object.fromEntries(statuses.map((status) => [String(status), response(route.responses[status] ?? errorResponse(status, route.errorSchema), components)])),
  };
}

const DESCRIPTION = `${packageJson.description}.

Every error is a 4xx or 5xx with \`{"error": {"code", "message"}}\`; the codes of each status are listed with it. \
Writes need \`Content-Type: application/json\`; request bodies are at most 64 KiB by default. \
When the server sets API_KEY, /api/* and /v1/* (except /api/health and /api/admin/*) need \`Authorization: Bearer <API_KEY>\`; \
admin routes always need \`Authorization: Bearer <ADMIN_KEY>\`.`;

/** The OpenAPI 3.1 document of `routes` (default: every route of the app). */
export function buildOpenApiDocument(routes: readonly RouteDoc[] = ROUTE_DOCS): OpenApiDocument {
  const components = new SchemaComponents();
  const paths: Record<string, Partial<Record<"get" | "post", OpenApiOperation>>> = {};
  for (const route of routes) {
    const path = (paths[openApiPath(route.path)] ??= {});
    const method = route.method === "GET" ? "get" : "post";
    if (path[method]) throw new Error(`${route.method} ${route.path} is described twice.`);
    path[method] = operation(route, components);
  }
  const usedTags = new Set(routes.map((route) => route.tag));
  for (const tag of usedTags) if (!TAGS.some((known) => known.name === tag)) throw new Error(`Tag ${tag} is not listed in TAGS.`);
  return {
    openapi: "3.1.0",
    info: { title: "Jiangjin Report Q&A", version: packageJson.version, summary: "Citation-first questions and answers over the Jiangjin District 15th Party Congress report.", description: DESCRIPTION },
    servers: [{ url: "/", description: "The server that serves this document" }],
    tags: TAGS.filter((tag) => usedTags.has(tag.name)),
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "The server's API_KEY, when it sets one (otherwise these routes are open)." },
        adminKey: { type: "http", scheme: "bearer", description: "The server's ADMIN_KEY (at least 16 characters, different from API_KEY); the API key never opens admin routes." },
      },
    },
  };
}

let built: OpenApiDocument | undefined;
/** The app's document, built once: the routes and schemas do not change while it runs. */
export function openApiDocument(): OpenApiDocument {
  built ??= buildOpenApiDocument();
  return built;
}
