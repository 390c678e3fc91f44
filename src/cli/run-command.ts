import { isQaError } from "../core/errors.js";

/**
 * Runs a CLI command: a known failure prints its message and exits 1 (2 for usage
 * errors); anything unexpected prints one line, not a stack trace (DEBUG=1 shows it).
 */
export function runCommand(main: () => Promise<void>): void {
  // A reader that stops early (`| head`) closes the pipe: that ends the command, quietly.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
  });
  main().then(
    () => {
      process.exitCode ??= 0;
    },
    (error: unknown) => {
      if (isQaError(error)) {
        process.stderr.write(`错误 (${error.code}): ${error.message}\n`);
        process.exitCode = error.code === "invalid_parameter" || error.code === "bad_request" ? 2 : 1;
      } else {
        process.stderr.write(`Unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
        if (process.env.DEBUG) console.error(error);
        process.exitCode = 1;
      }
    },
  );
}
