import { readFlags, wholeNumber } from "../cli/flags.js";

export interface LoadOptions {
  /** How long the load stays on. */
  readonly seconds: number;
  /** Concurrent connections, each with one request in flight. */
  readonly connections: number;
  readonly help: boolean;
}

export const LOAD_USAGE = `Usage: npm run test:load -- [--seconds N] [--connections N]
  --seconds      how long to keep the load on (default 60, 15–3600; RSS growth is measured from the 10th second on)
  --connections  concurrent connections to POST /api/ask (default 100, 1–1000; beyond MAX_IN_FLIGHT=256 expect 503s)`;

const KNOWN = new Set(["--seconds", "--connections", "--help", "-h"]);
const TAKES_VALUE = new Set(["--seconds", "--connections"]);

/** Parses the load test's arguments; any mistake is a usage error (exit 2) naming it. */
export function parseLoadOptions(argv: readonly string[]): LoadOptions {
  const { values, flags } = readFlags(argv, KNOWN, TAKES_VALUE, LOAD_USAGE);
  const seconds = values.get("--seconds");
  const connections = values.get("--connections");
  return {
    seconds: seconds === undefined ? 60 : wholeNumber("--seconds", seconds, 15, 3600, LOAD_USAGE),
    connections: connections === undefined ? 100 : wholeNumber("--connections", connections, 1, 1000, LOAD_USAGE),
    help: flags.has("--help") || flags.has("-h"),
  };
}
