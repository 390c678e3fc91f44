/**
 * Unfinished bodies on every POST route: complete headers, then a body that never completes —
 * `Content-Length: 100` and 3 bytes, no body bytes at all, a chunked body without its
 * terminator, or a body dribbled a byte at a time — either left to time out or hung up on
 * mid-body (FIN or RST). Sent in rounds
 * from many loopback source addresses, so the per-client rate limit admits most of them and
 * more than MAX_IN_FLIGHT reach the in-flight bound each round: a slot not released when such
 * a request ends in any way accumulates round after round until the server refuses everyone.
 * Requests left to time out must be answered by the server's own REQUEST_TIMEOUT_MS (or
 * dropped by it): one still silent well after that is held by nothing the server controls.
 */
import { describeExchange, type Attack } from "../attack.js";
import { exchange, requestBytes, type ExchangePlan } from "../raw-http.js";

const ROUTES = ["/api/ask", "/api/ask/stream", "/api/verify", "/api/feedback", "/v1/chat/completions"];
/** Each round: routes × variants × copies requests, all at once. */
const COPIES = 12;
const ROUNDS = 3;
const HANG_UP_AFTER_MS = 300;

interface Variant {
  readonly name: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly sent: string;
  /** Then one more body byte every DRIBBLE_EVERY_MS: never silent, never done (an idle timer never fires). */
  readonly dribble?: boolean;
  readonly hangUp?: ExchangePlan["hangUp"];
}

const DRIBBLE_EVERY_MS = 200;

const declared = { "Content-Type": "application/json", "Content-Length": "100" };
const chunked = { "Content-Type": "application/json", "Transfer-Encoding": "chunked" };
const VARIANTS: readonly Variant[] = [
  { name: "Content-Length 100, 3 bytes, silence", headers: declared, sent: '{"q' },
  { name: "Content-Length 100, no bytes, silence", headers: declared, sent: "" },
  { name: "chunked, no terminator, silence", headers: chunked, sent: '3\r\n{"q\r\n' },
  { name: "Content-Length 1000, a byte every 200 ms", headers: { ...declared, "Content-Length": "1000" }, sent: '{"question":"', dribble: true },
  { name: "Content-Length 100, 3 bytes, FIN", headers: declared, sent: '{"q', hangUp: { afterMs: HANG_UP_AFTER_MS, how: "end" } },
  { name: "Content-Length 100, 3 bytes, RST", headers: declared, sent: '{"q', hangUp: { afterMs: HANG_UP_AFTER_MS, how: "reset" } },
  { name: "chunked, no terminator, FIN", headers: chunked, sent: '3\r\n{"q\r\n', hangUp: { afterMs: HANG_UP_AFTER_MS, how: "end" } },
];

export const unfinishedBodies: Attack = {
  name: "unfinished-bodies",
  mayWriteFeedback: false,
  async run(context, tally) {
    const { requestTimeoutMs } = context.settings;
    // Left to time out: the server has its timeout plus a margin to answer or drop the connection.
    const deadlineMs = requestTimeoutMs + 2000;
    for (let round = 1; round <= ROUNDS; round++) {
      // Interleaved, so the requests that win the in-flight slots are a mix of every variant.
      const plans = Array.from({ length: COPIES }, () => ROUTES.flatMap((path) => VARIANTS.map((variant) => ({ path, variant })))).flat();
      const exchanges = plans.map(({ path, variant }) => {
        const bytes = requestBytes("POST", path, { Host: "127.0.0.1", ...variant.headers }, variant.sent);
        const dribble = variant.dribble ? Array.from({ length: Math.floor(deadlineMs / DRIBBLE_EVERY_MS) }, () => ({ bytes: "a", afterMs: DRIBBLE_EVERY_MS })) : [];
        return exchange({ port: context.port, localAddress: context.nextSource(), pieces: [{ bytes }, ...dribble], ...(variant.hangUp ? { hangUp: variant.hangUp } : {}), deadlineMs }).then((result) => {
          const what = `POST ${path} ${variant.name}`;
          context.log(`round ${round}: ${what}: ${describeExchange(result)}`);
          if (variant.hangUp) return tally.record(what, result);
          const problem =
            result.ending === "gave-up"
              ? `no response and the connection still open ${(result.ms / 1000).toFixed(1)} s in (REQUEST_TIMEOUT_MS=${requestTimeoutMs})`
              : result.status !== null && result.status < 400
                ? `answered ${describeExchange(result)} for a body that never came`
                : undefined;
          return tally.record(what, result, problem);
        });
      });
      // The worst moment: every slot the flood could take is taken.
      await new Promise((resolve) => setTimeout(resolve, HANG_UP_AFTER_MS + 200));
      if (round === 1) await context.probe("during");
      await Promise.all(exchanges);
    }
    await context.probe("after");
  },
};
