import { verifyUnusedFiles, type StoredIndex } from "./file-index-store.js";

/** What /api/health reports as `checks.indexFiles`: undefined while the check runs. */
export type UnusedFilesStatus = "ok" | "corrupt" | undefined;

export interface UnusedFilesCheck {
  status(): UnusedFilesStatus;
  /** Settles once the check has run (it never rejects). */
  readonly done: Promise<void>;
}

/**
 * Verifies, without anyone waiting for it, the checksums of the index files this process
 * loaded without hashing (the HNSW graph behind exact search, the vectors behind HNSW; see
 * readStoredIndex). A mismatch is a warning naming the file and a "corrupt" status, not a
 * crash: what is served was verified at load, but the index on disk needs rebuilding.
 */
export function checkUnusedFiles(stored: StoredIndex, warn?: (message: string) => void): UnusedFilesCheck {
  let status: UnusedFilesStatus;
  const done = verifyUnusedFiles(stored).then(
    () => {
      status = "ok";
    },
    (error: unknown) => {
      status = "corrupt";
      warn?.(`${error instanceof Error ? error.message : String(error)} (not used by this process, which serves what it verified at load)`);
    },
  );
  return { status: () => status, done };
}
