import { QaError } from "../core/errors.js";

/** A usage error (exit 2) whose message ends with the command's usage text. */
export function usageError(message: string, usage: string): QaError {
  return new QaError("invalid_parameter", `${message}\n${usage}`);
}

export interface ReadFlags {
  /** Options that took a value (`--name value` or `--name=value`). */
  readonly values: ReadonlyMap<string, string>;
  /** Options given without a value. */
  readonly flags: ReadonlySet<string>;
}

/**
 * Strict option reading for the bench and load commands, whose messages say exactly what is
 * wrong: an unknown option, a missing value, an option given twice, a value for a switch, or
 * a stray argument (node:util parseArgs accepts repeats silently).
 */
export function readFlags(argv: readonly string[], known: ReadonlySet<string>, takesValue: ReadonlySet<string>, usage: string): ReadFlags {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    const equals = argument.startsWith("--") ? argument.indexOf("=") : -1;
    const [name, inline] = equals > 0 ? [argument.slice(0, equals), argument.slice(equals + 1)] : [argument, undefined];
    if (!known.has(name)) throw usageError(argument.startsWith("-") ? `Unknown option ${name}.` : `Unexpected argument "${argument}".`, usage);
    if (takesValue.has(name)) {
      const value = inline ?? argv[++index];
      if (value === undefined || value === "" || (inline === undefined && value.startsWith("--"))) throw usageError(`${name} needs a value.`, usage);
      if (values.has(name)) throw usageError(`${name} is given twice.`, usage);
      values.set(name, value);
    } else {
      if (inline !== undefined) throw usageError(`${name} takes no value.`, usage);
      flags.add(name);
    }
  }
  return { values, flags };
}

/** A whole number within [minimum, maximum], or a usage error naming the option. */
export function wholeNumber(name: string, text: string, minimum: number, maximum: number, usage: string): number {
  if (!/^\d+$/u.test(text)) throw usageError(`${name} must be a whole number, got "${text}".`, usage);
  const value = Number(text);
  if (value < minimum || value > maximum) throw usageError(`${name} must be between ${minimum} and ${maximum}, got ${value}.`, usage);
  return value;
}
