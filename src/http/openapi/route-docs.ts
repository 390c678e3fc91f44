import { adminRouteDocs } from "./admin-route-docs.js";
import { apiRouteDocs } from "./api-route-docs.js";
import { openAiRouteDocs } from "./openai-route-docs.js";
import { pageRouteDocs } from "./page-route-docs.js";
import type { RouteDoc } from "./route-doc.js";

/**
 * Every route the app registers, described. A new register*Routes function adds its
 * *-route-docs.ts list here; tests/http/openapi-routes.test.ts fails while a registered route
 * is missing (or a described one is not registered).
 */
export const ROUTE_DOCS: readonly RouteDoc[] = [...apiRouteDocs, ...openAiRouteDocs, ...adminRouteDocs, ...pageRouteDocs];

/** The tags in the order the reference page shows them. */
export const TAGS: readonly { readonly name: string; readonly description: string }[] = [
  { name: "Questions", description: "Answers and passages from the report, every clause quoted with its offsets." },
  { name: "Verification", description: "Checking any text against the report." },
  { name: "Report", description: "About the report itself." },
  { name: "Feedback", description: "Readers' verdicts on answers." },
  { name: "Service", description: "For monitors and load balancers." },
  { name: "OpenAI-compatible", description: "OpenAI's chat API over the report, for OpenAI clients; errors in OpenAI's shape {error: {message, type, param, code}}." },
  { name: "Admin", description: "For the operator: Authorization: Bearer <ADMIN_KEY>; 403 admin_disabled when the server sets none." },
  { name: "Pages", description: "The chat page, the demo and the widget bundles (HTML, CSS, JavaScript)." },
  { name: "Documentation", description: "This description, as JSON and as a page." },
];
