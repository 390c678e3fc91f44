import { randomBytes } from "node:crypto";
import { link, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { QaError } from "../../core/errors.js";

const LOCK_FILE = ".ingest.lock";

/** Another live process holds the ingest lock (the CLI sees it as a usage error, as before). */
export class IngestLockBusyError extends QaError {
  constructor(message: string) {
    super("bad_request", message);
    this.name = "IngestLockBusyError";
  }
}

/** Whether a process with this pid exists (EPERM: it does, but belongs to someone else). */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function lockHolder(file: string): Promise<number | undefined> {
  const text = await readFile(file, "utf8").catch(() => "");
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Claim files of contenders killed between writing their claim and removing it. */
async function removeDeadClaims(directory: string): Promise<void> {
  for (const name of await readdir(directory)) {
    const pid = Number(/^\.ingest\.lock\.(\d+)\./u.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !isProcessRunning(pid)) await rm(path.join(directory, name), { force: true });
  }
}

/**
 * One ingest at a time per index folder: two concurrent builds would each publish a
 * manifest and delete the other's files. The lock file is created by hard-linking a
 * file that already holds our pid, so it never exists without one; a lock whose
 * process has died (kill -9 mid-ingest) is moved aside and taken over.
 */
export async function acquireIngestLock(directory: string): Promise<() => Promise<void>> {
  const file = path.join(directory, LOCK_FILE);
  const claim = path.join(directory, `.ingest.lock.${process.pid}.${randomBytes(4).toString("hex")}`);
  await writeFile(claim, String(process.pid));
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(claim, file);
        await removeDeadClaims(directory);
        return () => rm(file, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const holder = await lockHolder(file);
      if (holder !== undefined && isProcessRunning(holder)) {
        throw new IngestLockBusyError(`Another ingest (process ${holder}) is writing ${directory}. Wait for it to finish.`);
      }
      // Stale: move it aside under a unique name (only one contender's rename succeeds), then retry.
      await rename(file, `${claim}.stale`).catch(() => undefined);
      await rm(`${claim}.stale`, { force: true });
    }
    throw new QaError("bad_request", `Could not lock ${directory} for ingest; remove ${file} if no ingest is running.`);
  } finally {
    await rm(claim, { force: true });
  }
}
