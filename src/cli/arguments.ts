import { parseArgs, type ParseArgsConfig } from "node:util";
import { QaError } from "../core/errors.js";

/** node:util parseArgs, with its errors turned into usage errors the CLI can print. */
export function parseArguments<T extends ParseArgsConfig["options"]>(argv: string[], options: T, usage: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new QaError("invalid_parameter", `${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
}
