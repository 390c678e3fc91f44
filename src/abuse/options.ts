import { readFlags, usageError } from "../cli/flags.js";

export const ATTACK_NAMES = ["cross-origin", "oversized-records", "pathological-texts", "slow-headers", "unfinished-bodies", "slot-capacity"] as const;
export type AttackName = (typeof ATTACK_NAMES)[number];

export interface AbuseOptions {
  /** Attacks to run, in the suite's order (least destructive first, the slot check last). */
  readonly attacks: readonly AttackName[];
  /** One line per request and probe on stderr. */
  readonly verbose: boolean;
  readonly help: boolean;
}

export const ABUSE_USAGE = `Usage: npm run test:abuse -- [--only NAME,…] [--verbose]
  --only     run only these attacks (default all): ${ATTACK_NAMES.join(", ")}
  --verbose  print every request's outcome and every probe on stderr`;

const KNOWN = new Set(["--only", "--verbose", "--help", "-h"]);
const TAKES_VALUE = new Set(["--only"]);

/** Parses the abuse suite's arguments; any mistake is a usage error (exit 2) naming it. */
export function parseAbuseOptions(argv: readonly string[]): AbuseOptions {
  const { values, flags } = readFlags(argv, KNOWN, TAKES_VALUE, ABUSE_USAGE);
  const only = values.get("--only");
  let attacks: readonly AttackName[] = ATTACK_NAMES;
  if (only !== undefined) {
    const asked = only.split(",").map((name) => name.trim());
    const unknown = asked.filter((name) => !(ATTACK_NAMES as readonly string[]).includes(name));
    if (unknown.length > 0) throw usageError(`--only: unknown attack ${unknown.map((name) => `"${name}"`).join(", ")}.`, ABUSE_USAGE);
    attacks = ATTACK_NAMES.filter((name) => asked.includes(name));
  }
  return { attacks, verbose: flags.has("--verbose"), help: flags.has("--help") || flags.has("-h") };
}
