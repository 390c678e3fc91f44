import { open, readFile, rm } from "node:fs/promises";
import * as path from "node:path";
import { QaError } from "../../core/errors.js";

const LOCK_FILE = ".ingest.lock";

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * One ingest at a time per index folder: two concurrent builds would each publish a
 * manifest and delete the other's files. A lock left by a killed process is taken over.
 */
export async function acquireIngestLock(directory: string): Promise<() => Promise<void>> {
  const file = path.join(directory, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number((await readFile(file, "utf8").catch(() => "")).trim());
      if (Number.isInteger(holder) && holder > 0 && isRunning(holder)) {
        throw new QaError("bad_request", `Another ingest (process ${holder}) is writing ${directory}. Wait for it to finish.`);
      }
      await rm(file, { force: true });
    }
  }
  throw new QaError("bad_request", `Could not lock ${directory} for ingest.`);
}
