import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import packageJson from "../../package.json" with { type: "json" };
import { createApp } from "../../src/http/create-app.js";
import { ERROR_CODES, errorCodesForStatus } from "../../src/http/error-schema.js";
import { buildOpenApiDocument, openApiDocument } from "../../src/http/openapi/openapi-document.js";
import { requestSchema, responseSchema, type RouteDoc } from "../../src/http/openapi/route-doc.js";
import { createStaticAsset } from "../../src/http/static-asset.js";
import { reportEngine } from "../support/engine.js";
import { OpenApiValidator } from "../support/openapi-validation.js";

// The description against the app it describes: every registered route is in it and nothing
// else, it is valid OpenAPI 3.1, and its examples fit its own schemas.

const document = openApiDocument();
const validator = new OpenApiValidator(document);

/** "GET /v1/models/{id}" for every operation of the document. */
function documentedRoutes(): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`));
}

describe("every route is described, and only those", () => {
  let registered: string[];
  beforeAll(async () => {
    // Every optional capability on, so every register*Routes function registers all it can.
    const app = createApp(
      await reportEngine(),
      { vectorIndex: "brute-force" },
      {
        apiKey: "api-key-0123456789abcdef",
        adminKey: "admin-key-0123456789abcdef",
        feedbackStore: { append: async () => undefined, read: async function* () {}, status: () => "ok" },
        reindex: async () => ({ indexHash: "b", previousIndexHash: "a", chunks: 1, embedder: "e", builtAt: "2026-01-01T00:00:00Z", durationMs: 1 }),
        assets: { widget: createStaticAsset("", "text/javascript"), app: createStaticAsset("", "text/javascript") },
        rateLimitPerMinute: 60,
        allowedHosts: ["localhost"],
      },
    );
    // app.use() middleware is listed with method ALL; a route with a middleware of its own is listed once per handler.
    registered = [...new Set(app.routes.filter((route) => route.method !== "ALL").map((route) => `${route.method} ${route.path.replace(/:([A-Za-z0-9_]+)/gu, "{$1}")}`))];
  });

  it("has a description for each registered route", () => {
    const documented = new Set(documentedRoutes());
    expect(registered.filter((route) => !documented.has(route))).toEqual([]);
    expect(registered.length).toBeGreaterThan(15);
  });

  it("describes no route the app does not register", () => {
    const routes = new Set(registered);
    expect(documentedRoutes().filter((route) => !routes.has(route))).toEqual([]);
  });
});

describe("the document", () => {
  it("is valid OpenAPI 3.1 by the specification's own JSON Schema", async () => {
    const result = await new Validator().validate(structuredClone(document) as unknown as Record<string, unknown>);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");
  });

  it("takes its title and version from package.json and is served from this origin", () => {
    expect(document.info.version).toBe(packageJson.version);
    expect(document.info.title).toBe("Jiangjin Report Q&A");
    expect(document.servers).toEqual([{ url: "/", description: expect.any(String) }]);
  });

  it("has unique operation ids, and every operation's tag is declared", () => {
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
    const ids = operations.map((operation) => operation!.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const tags = new Set(document.tags.map((tag) => tag.name));
    for (const operation of operations) for (const tag of operation!.tags) expect(tags.has(tag), tag).toBe(true);
  });

  it("asks for the API key on /api/* and /v1/*, the admin key on admin routes, nothing on pages and health", () => {
    for (const [path, item] of Object.entries(document.paths)) {
      for (const operation of Object.values(item)) {
        const schemes = operation!.security.flatMap((requirement) => Object.keys(requirement));
        const expected = path.startsWith("/api/admin/") ? ["adminKey"] : path === "/api/health" ? [] : path.startsWith("/api/") || path.startsWith("/v1/") ? ["apiKey"] : [];
        expect(schemes, path).toEqual(expected);
        for (const scheme of schemes) expect(document.components.securitySchemes[scheme], scheme).toMatchObject({ type: "http", scheme: "bearer" });
        if (schemes.length > 0) expect(operation!.responses["401"], `${path} documents 401`).toBeDefined();
      }
    }
  });

  it("compiles every component with a strict JSON Schema 2020-12 validator, and holds no reference inside a component", () => {
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      expect(() => validator.compile(schema), name).not.toThrow();
      expect(JSON.stringify(schema), name).not.toContain("$ref");
    }
  });

  it("has examples that fit their own schemas: bodies, responses and parameters", () => {
    let checked = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const where = `${method.toUpperCase()} ${path}`;
        for (const parameter of operation!.parameters ?? []) {
          if (parameter.example === undefined) continue;
          validator.expectValid(parameter.schema, parameter.example, `${where} parameter ${parameter.name}`);
          checked += 1;
        }
        const bodies = [...Object.values(operation!.requestBody?.content ?? {}), ...Object.values(operation!.responses).flatMap((response) => Object.values(response.content ?? {}))];
        for (const media of bodies) {
          for (const [name, example] of Object.entries(media.examples ?? {})) {
            validator.expectValid(media.schema, example.value, `${where} example ${name}`);
            checked += 1;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("types each error status's code with exactly the codes mapped to that status", () => {
    const error400 = validator.resolve(document.paths["/api/ask"]!.post!.responses["400"]!.content!["application/json"]!.schema);
    expect(error400).toMatchObject({ properties: { error: { properties: { code: { enum: errorCodesForStatus(400) } } } } });
    validator.expectValid(error400, { error: { code: "invalid_question", message: "question must not be empty" } }, "a 400");
    expect(validator.compile(error400)({ error: { code: "unauthorized", message: "x" } })).toBe(false);
    expect(validator.compile(error400)({ error: { code: "invalid_question" } })).toBe(false);
    // Every code of the app appears under some status.
    const documentedCodes = new Set(Object.keys(document.components.schemas).filter((name) => /^Error\d+$/u.test(name)).flatMap((name) => errorCodesForStatus(Number(name.slice(5)))));
    expect(ERROR_CODES.filter((code) => !documentedCodes.has(code))).toEqual([]);
  });

  it("describes the stream's events with the schemas of their data", () => {
    const media = document.paths["/api/ask/stream"]!.post!.responses["200"]!.content!["text/event-stream"]!;
    expect(Object.keys(media["x-events"] ?? {}).sort()).toEqual(["delta", "done", "error", "replace", "sentence", "sources"]);
    expect(validator.resolve(media["x-events"]!.done!)).toEqual(validator.resolve(document.paths["/api/ask"]!.post!.responses["200"]!.content!["application/json"]!.schema));
  });
});

describe("buildOpenApiDocument", () => {
  const route = (overrides: Partial<RouteDoc>): RouteDoc => ({
    method: "GET",
    path: "/x",
    operationId: "x",
    summary: "x",
    description: "x",
    tag: "Service",
    access: "public",
    responses: { 200: { description: "ok", content: { "application/json": { schema: responseSchema("X", z.object({ a: z.string() })) } } } },
    ...overrides,
  });

  it("refuses two different schemas under one name", () => {
    const other = route({ path: "/y", operationId: "y", responses: { 200: { description: "ok", content: { "application/json": { schema: responseSchema("X", z.object({ b: z.number() })) } } } } });
    expect(() => buildOpenApiDocument([route({}), other])).toThrow(/named X/u);
  });

  it("refuses a path parameter without a description, and a route described twice", () => {
    expect(() => buildOpenApiDocument([route({ path: "/x/:id" })])).toThrow(/path parameter id/u);
    expect(() => buildOpenApiDocument([route({}), route({ operationId: "again" })])).toThrow(/described twice/u);
  });

  it("refuses a schema zod cannot describe as JSON Schema rather than describing it loosely", () => {
    const transformed = requestSchema("Transformed", z.object({ at: z.date() }));
    expect(() => buildOpenApiDocument([route({ requestBody: { schema: transformed, examples: {} } })])).toThrow();
  });

  it("describes requests as clients send them and responses as the server sends them", () => {
    const schema = z.object({ name: z.string(), count: z.number().default(1) });
    const built = buildOpenApiDocument([
      route({ method: "POST", requestBody: { schema: requestSchema("In", schema), examples: {} }, responses: { 200: { description: "ok", content: { "application/json": { schema: responseSchema("Out", schema) } } } } }),
    ]);
    // Input: count may be left out and unknown keys are dropped, not refused; output: count is always there, nothing else is.
    expect(built.components.schemas.In).toMatchObject({ required: ["name"] });
    expect(built.components.schemas.In).not.toHaveProperty("additionalProperties");
    expect(built.components.schemas.Out).toMatchObject({ required: ["name", "count"], additionalProperties: false });
  });
});
