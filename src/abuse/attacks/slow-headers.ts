/**
 * Slow headers (slowloris): many connections that send a request line and then trickle header
 * bytes, or stall part-way through the request line, so the server holds a socket per
 * connection that never becomes a request. None reaches a route, so neither the rate limit
 * nor the in-flight bound sees them: the server itself must drop each once its headers
 * timeout has passed (Node answers 408 and closes), and keep answering everyone else meanwhile.
 */
import { SERVER_TIMEOUTS } from "../../adapters/node/http-server-options.js";
import { describeExchange, type Attack } from "../attack.js";
import { exchange, type Piece } from "../raw-http.js";

const SOCKETS = 192;
const TRICKLE_EVERY_MS = 250;
/** Node enforces its headers timeout on a sweep (at most every second): allow that and a margin. */
const DROP_MARGIN_MS = 2500;

export const slowHeaders: Attack = {
  name: "slow-headers",
  mayWriteFeedback: false,
  async run(context, tally) {
    const holdMs = SERVER_TIMEOUTS.headersMs + DROP_MARGIN_MS;
    const plans = Array.from({ length: SOCKETS }, (_, index) => {
      const kind = ["trickled headers", "stalled request line", "trickled POST headers"][index % 3]!;
      let pieces: Piece[];
      if (kind === "stalled request line") pieces = [{ bytes: "GET /api/me" }];
      else {
        const line = kind === "trickled POST headers" ? "POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" : "GET /api/meta HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        // One byte of an endless header value per tick, for as long as the attack holds.
        const trickle = Array.from({ length: Math.floor(holdMs / TRICKLE_EVERY_MS) }, (_, tick) => ({ bytes: tick === 0 ? "X-Slow: " : "a", afterMs: TRICKLE_EVERY_MS }));
        pieces = [{ bytes: line }, ...trickle];
      }
      return { kind, pieces };
    });
    const exchanges = plans.map(({ kind, pieces }) => {
      // Hang up holdMs after connecting, whatever was sent by then.
      const sentBy = pieces.reduce((total, piece) => total + (piece.afterMs ?? 0), 0);
      return exchange({ port: context.port, localAddress: context.nextSource(), pieces, hangUp: { afterMs: Math.max(0, holdMs - sentBy), how: "reset" }, deadlineMs: holdMs + 2000 }).then((result) => {
        context.log(`${kind}: ${describeExchange(result)}`);
        // Hung up with RST, so the server cannot answer the hang-up itself: "hung-up" means the
        // server held the connection past its headers timeout.
        const problem =
          result.ending === "hung-up"
            ? `still open after ${(result.ms / 1000).toFixed(1)} s: not dropped by the server's ${SERVER_TIMEOUTS.headersMs / 1000} s headers timeout`
            : result.status !== null && result.status !== 408 && result.status !== 400
              ? `answered ${describeExchange(result)} to unfinished headers`
              : undefined;
        tally.record(kind, result, problem);
      });
    });
    // While every socket is held: the server must still answer a normal question.
    await new Promise((resolve) => setTimeout(resolve, SERVER_TIMEOUTS.headersMs / 2));
    await context.probe("during");
    await Promise.all(exchanges);
    await context.probe("after");
  },
};
