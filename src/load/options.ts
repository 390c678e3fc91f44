import { QaError } from "../core/errors.js";

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

function usageError(message: string): QaError {
  return new QaError("invalid_parameter", `${message}\n${LOAD_USAGE}`);
}

function wholeNumber(name: string, text: string, minimum: number, maximum: number): number {
  if (!/^\d+$/u.test(text)) throw usageError(`${name} must be a whole number, got "${text}".`);
  const value = Number(text);
  if (value < minimum || value > maximum) throw usageError(`${name} must be between ${minimum} and ${maximum}, got ${value}.`);
  return value;
}

/** Parses the load test's arguments; any mistake is a usage error (exit 2) naming it. */
export function parseLoadOptions(argv: readonly string[]): LoadOptions {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    const equals = argument.startsWith("--") ? argument.indexOf("=") : -1;
    const [name, inline] = equals > 0 ? [argument.slice(0, equals), argument.slice(equals + 1)] : [argument, undefined];
    if (!KNOWN.has(name)) throw usageError(argument.startsWith("-") ? `Unknown option ${name}.` : `Unexpected argument "${argument}".`);
    if (TAKES_VALUE.has(name)) {
      const value = inline ?? argv[++index];
      if (value === undefined || value === "" || (inline === undefined && value.startsWith("--"))) throw usageError(`${name} needs a value.`);
      if (values.has(name)) throw usageError(`${name} is given twice.`);
      values.set(name, value);
    } else {
      if (inline !== undefined) throw usageError(`${name} takes no value.`);
      flags.add(name);
    }
  }
  return {
    seconds: values.has("--seconds") ? wholeNumber("--seconds", values.get("--seconds")!, 15, 3600) : 60,
    connections: values.has("--connections") ? wholeNumber("--connections", values.get("--connections")!, 1, 1000) : 100,
    help: flags.has("--help") || flags.has("-h"),
  };
}
