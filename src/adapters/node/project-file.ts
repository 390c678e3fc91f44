import { existsSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A file of the project (src/adapters/node/data/…) found from this module upwards: the same code runs from
 * src/adapters/node/ under tsx and from dist/server.mjs once bundled.
 */
export function projectFile(relative: string): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(directory, relative);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(directory);
    if (parent === directory) return path.resolve(relative);
    directory = parent;
  }
}
