/**
 * Not an attack but the check that makes slot leaks visible when they are partial: once every
 * attack is over, MAX_IN_FLIGHT − 1 requests are opened and held (headers complete, body
 * pending), then the probe question takes the last slot. Every holder must be admitted (not
 * 503 overloaded) and the probe answered: each slot any earlier request failed to release
 * shows up as one holder refused. The holders hang up before REQUEST_TIMEOUT_MS, the way out
 * that released slots even before the fix, so the check itself leaks nothing.
 */
import { describeExchange, type Attack } from "../attack.js";
import { exchange, requestBytes } from "../raw-http.js";

export const slotCapacity: Attack = {
  name: "slot-capacity",
  mayWriteFeedback: false,
  async run(context, tally) {
    const { maxInFlight, requestTimeoutMs } = context.settings;
    if (maxInFlight <= 0) return;
    const holdMs = Math.max(300, Math.min(1500, requestTimeoutMs / 2));
    const bytes = requestBytes("POST", "/api/ask", { Host: "127.0.0.1", "Content-Type": "application/json", "Content-Length": "100" }, '{"q');
    const holders = Array.from({ length: maxInFlight - 1 }, () =>
      exchange({ port: context.port, localAddress: context.nextSource(), pieces: [{ bytes }], hangUp: { afterMs: holdMs, how: "reset" }, deadlineMs: holdMs + 2000 }).then((result) => {
        const problem = result.status === 503 && result.code === "overloaded" ? "refused as overloaded with no other request at work: a slot leaked earlier" : result.status !== null ? `answered ${describeExchange(result)} while its body was pending` : undefined;
        tally.record(`holder of one of ${maxInFlight} slots`, result, problem);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, holdMs / 3));
    // The last free slot: answered only if no earlier request kept one.
    await context.probe("after");
    await Promise.all(holders);
  },
};
