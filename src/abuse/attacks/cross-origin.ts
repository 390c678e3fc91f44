/**
 * Cross-origin simple requests on the write routes: what any web page can make its visitors'
 * browsers send without a CORS preflight (`fetch(…, {mode: "no-cors"})` or a plain HTML form):
 * POST with Content-Type text/plain, application/x-www-form-urlencoded or multipart/form-data,
 * and an Origin that is not allowed. The body is valid JSON for the route, so only a
 * Content-Type/Origin check stops it. Each must be refused with a 4xx and store nothing.
 */
import { inPool, refusedInTime, type Attack } from "../attack.js";
import { exchange, wholeRequest } from "../raw-http.js";

const SIMPLE_CONTENT_TYPES = ["text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=----abuse"];
// A page on another site, a sandboxed iframe or file:// page (browsers send "null"), and one whose
// name starts with the allowed origin's (ALLOWED_ORIGINS=https://widget.example, see suite.ts).
const ORIGINS = ["https://evil.example", "null", "https://widget.example.evil.example"];
// Current browsers add Sec-Fetch-* to a no-cors POST from another site; older ones (Safari before
// 16.4) send only Origin, so both must be refused.
const BROWSERS: ReadonlyArray<readonly [string, Readonly<Record<string, string>>]> = [
  ["with Sec-Fetch", { "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors" }],
  ["Origin only", {}],
];

const BODIES: ReadonlyArray<readonly [string, string]> = [
  ["/api/ask", JSON.stringify({ question: "到2026年地区生产总值的目标是多少" })],
  ["/api/ask/stream", JSON.stringify({ question: "到2026年地区生产总值的目标是多少" })],
  ["/v1/chat/completions", JSON.stringify({ model: "jiangjin-15th-congress-report", messages: [{ role: "user", content: "到2026年地区生产总值的目标是多少" }] })],
  ["/api/verify", JSON.stringify({ text: "到2026年，地区生产总值达1800亿元左右。" })],
  ["/api/feedback", JSON.stringify({ question: "跨站写入", answer: "跨站写入", rating: "down", comment: "cross-site write" })],
];

export const crossOrigin: Attack = {
  name: "cross-origin",
  mayWriteFeedback: false,
  async run(context, tally) {
    const cases = BODIES.flatMap(([path, body]) =>
      SIMPLE_CONTENT_TYPES.flatMap((contentType) => ORIGINS.flatMap((origin) => BROWSERS.map(([browser, fetchHeaders]) => ({ path, body, contentType, origin, browser, fetchHeaders })))),
    );
    await inPool(cases, 4, async ({ path, body, contentType, origin, browser, fetchHeaders }) => {
      const headers = { "Content-Type": contentType, Origin: origin, ...fetchHeaders };
      const result = await exchange({ port: context.port, localAddress: context.nextSource(), pieces: [{ bytes: wholeRequest("POST", path, headers, body) }], deadlineMs: context.settings.requestTimeoutMs + 5000 });
      tally.record(`POST ${path} ${contentType.split(";")[0]} Origin ${origin} (${browser})`, result, refusedInTime(result, context.settings));
    });
    await context.probe("after");
  },
};
