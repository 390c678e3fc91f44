import { askRequestSchema } from "../../core/schemas/ask-request.js";
import { askResponseSchema } from "../../core/schemas/ask-response.js";
import { feedbackRequestSchema } from "../../core/schemas/feedback.js";
import { verificationResultSchema, verifyRequestSchema } from "../../core/verification/verification-schema.js";
import { searchQuerySchema } from "../api-routes.js";
import { ASK_STREAM_PATH } from "../ask-stream-route.js";
import { askStreamEventSchemas } from "../ask-stream-events.js";
import { feedbackStoredSchema, healthResponseSchema, metaResponseSchema, searchResponseSchema } from "../response-schemas.js";
import {
  askResponseExample,
  feedbackRequestExample,
  GDP_QUESTION,
  healthResponseExample,
  metaResponseExample,
  searchResponseExample,
  verifyResponseExample,
} from "./examples.js";
import { requestSchema, responseSchema, type NamedSchema, type RouteDoc } from "./route-doc.js";

const askRequest = requestSchema("AskRequest", askRequestSchema);
const askResponse = responseSchema("AskResponse", askResponseSchema);

const askExamples = {
  gdp: { summary: "A figure the report states", value: { question: GDP_QUESTION } },
  followUp: {
    summary: "An elliptical follow-up, read through the conversation",
    value: { question: "那到2026年呢?", history: [{ role: "user", content: "2021年地区生产总值是多少" }] },
  },
  fewerPassages: { summary: "Three passages instead of five", value: { question: "五大专项行动是哪五个?", topK: 3 } },
  oneDocument: { summary: "Answered from one document of the corpus", value: { question: GDP_QUESTION, documents: ["jiangjin-15th-congress-report"] } },
};

const streamEvents: Record<string, NamedSchema> = Object.fromEntries(
  Object.entries(askStreamEventSchemas).map(([event, schema]) => [event, responseSchema(`AskStreamEvent${event[0]!.toUpperCase()}${event.slice(1)}`, schema)]),
);

/** The routes of api-routes.ts, verify-route.ts and ask-stream-route.ts. */
export const apiRouteDocs: readonly RouteDoc[] = [
  {
    method: "POST",
    path: "/api/ask",
    operationId: "ask",
    summary: "Answer a question from the report, with citations",
    description:
      "A concise answer whose every clause is quoted from the report, with markers [1], [2] … pointing at `citations` (exact offsets into the report). " +
      "`answerKind` says whether the quotes answer the question (`direct`), are the report's most relevant content (`related`), or the report does not say (`not-in-report`, with `abstentionReason`). " +
      "Repeated questions are answered from a cache (`cached: true`, `X-Answer-Cache: hit`).",
    tag: "Questions",
    access: "api",
    requestBody: { schema: askRequest, examples: askExamples },
    responses: {
      200: {
        description: "The answer.",
        headers: { "X-Answer-Cache": { description: "hit: answered from the answer cache (the timings are the first computation's); miss: computed now.", schema: { type: "string", enum: ["hit", "miss"] } } },
        content: { "application/json": { schema: askResponse, examples: { gdp: { summary: "A direct answer", value: askResponseExample } } } },
      },
    },
    errors: [400],
  },
  {
    method: "POST",
    path: ASK_STREAM_PATH,
    operationId: "askStream",
    summary: "The same answer, streamed as Server-Sent Events",
    description:
      "One protocol for every answerer. Events in order: `sources` (the retrieved passages), `delta` (text as it is written; no marker before its sentence is verified), " +
      "`sentence` (each generated sentence with its verdict, as it closes), `replace` (the shown answer changed: verified text, a removed sentence, the extractive fallback), " +
      "then `done` (the AskResponse of POST /api/ask) or `error` (`{error: {code, message}}`, e.g. `timeout` after REQUEST_TIMEOUT_MS). " +
      "The extractive answerer sends `sources`, one `delta`, `done`. Each event's `data` is one JSON object; the schemas are listed under `x-events`. " +
      "A request that is no valid question is refused before the stream starts, as POST /api/ask refuses it. Not cached; holds a MAX_IN_FLIGHT slot while it streams.",
    tag: "Questions",
    access: "api",
    requestBody: { schema: askRequest, examples: askExamples },
    responses: {
      200: {
        description: "The stream: `event: <name>` and `data: <JSON>` lines, events separated by a blank line.",
        content: { "text/event-stream": { events: streamEvents } },
      },
    },
    errors: [400],
  },
  {
    method: "GET",
    path: "/api/search",
    operationId: "search",
    summary: "Ranked passages of the report for a query",
    description: "Retrieval only (no answer): the passages a question would be answered from, best first, with their section paths and offsets.",
    tag: "Questions",
    access: "api",
    query: {
      schema: searchQuerySchema,
      descriptions: {
        q: "The query (trimmed; 1–1,000 characters). A missing or blank q is 400 invalid_question.",
        k: "How many passages (a whole number from 1 to 20).",
        documents: "Search these documents only: comma-separated ids or sources as /api/meta lists them (at most 50). An unknown one is 400 invalid_parameter naming the known ones.",
      },
      examples: { q: "地区生产总值", k: 5 },
    },
    responses: {
      200: { description: "The ranked passages.", content: { "application/json": { schema: responseSchema("SearchResponse", searchResponseSchema), examples: { gdp: { summary: "One passage", value: searchResponseExample } } } } },
    },
    errors: [400],
  },
  {
    method: "POST",
    path: "/api/verify",
    operationId: "verify",
    summary: "Check any text against the report, claim by claim",
    description:
      "Splits the text into claims and checks each against the report: `supported`, `partly-supported`, `contradicted` (another figure, date, unit, place or list member) or `not-found`, with the report spans and the reasons. " +
      "With `citations`, each claim's [n] markers are checked against what they cite; with `contexts`, each claim is checked against those passages too.",
    tag: "Verification",
    access: "api",
    requestBody: {
      schema: requestSchema("VerifyRequest", verifyRequestSchema),
      examples: {
        text: { summary: "A sentence to check", value: { text: "到2026年,地区生产总值达1800亿元左右。" } },
        cited: { summary: "With the citation it carries", value: { text: "到2026年,地区生产总值达1800亿元左右。[1]", citations: [{ quote: "地区生产总值达1800亿元左右" }] } },
      },
    },
    responses: {
      200: { description: "The verdict per claim and for the whole text.", content: { "application/json": { schema: responseSchema("VerificationResult", verificationResultSchema), examples: { supported: { summary: "Supported", value: verifyResponseExample } } } } },
    },
    errors: [400],
  },
  {
    method: "GET",
    path: "/api/meta",
    operationId: "meta",
    summary: "The report's title, author, date and starter questions",
    description: "What a chat shows before the first question.",
    tag: "Report",
    access: "api",
    responses: {
      200: { description: "About the report.", content: { "application/json": { schema: responseSchema("MetaResponse", metaResponseSchema), examples: { report: { summary: "The report", value: metaResponseExample } } } } },
    },
  },
  {
    method: "POST",
    path: "/api/feedback",
    operationId: "feedback",
    summary: "Store a reader's thumbs up or down on an answer",
    description:
      "Appended whole or not at all, with the engine receipt to reproduce the answer. A full disk is 503 `storage_full` (Retry-After: 60), any other write failure 503 `storage_unavailable` (Retry-After: 10); " +
      "a deployment without storage answers 503 `feature_unavailable`.",
    tag: "Feedback",
    access: "api",
    requestBody: {
      schema: requestSchema("FeedbackRequest", feedbackRequestSchema),
      examples: { up: { summary: "A thumbs up with the answer's receipt", value: feedbackRequestExample } },
    },
    responses: {
      201: { description: "Stored.", content: { "application/json": { schema: responseSchema("FeedbackStored", feedbackStoredSchema), examples: { ok: { summary: "Stored", value: { ok: true } } } } } },
    },
    errors: [400, 503],
  },
  {
    method: "GET",
    path: "/api/health",
    operationId: "health",
    summary: "Service status, for monitors and load balancers",
    description: "Never rate limited and never behind the API key. 200 whatever the status: `degraded` when a `checks` entry is not ok, `stale` when corpus/ changed since the index was built. `storage` says where the index is read from; with PostgreSQL, `checks.database` is a probe (`SELECT 1`, 1 s limit, reused for 2 s) — questions never wait for it.",
    tag: "Service",
    access: "public",
    responses: {
      200: { description: "The status and what is served.", content: { "application/json": { schema: responseSchema("HealthResponse", healthResponseSchema), examples: { ok: { summary: "All well", value: healthResponseExample } } } } },
    },
  },
];
