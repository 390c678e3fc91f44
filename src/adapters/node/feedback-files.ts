import * as fs from "node:fs/promises";
import * as path from "node:path";

/** The few file operations the feedback store makes; tests substitute failing ones (disk full, read-only). */
export interface FeedbackFileHandle {
  stat(): Promise<{ size: number }>;
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  /** Appends (the file is opened with O_APPEND); may write fewer bytes than asked. */
  write(buffer: Buffer, offset: number, length: number): Promise<{ bytesWritten: number }>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

export interface FeedbackFileSystem {
  mkdir(directory: string, options: { recursive: true }): Promise<unknown>;
  open(file: string, flags: "a+" | "r" | "w"): Promise<FeedbackFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

export const nodeFileSystem: FeedbackFileSystem = fs;

export const FEEDBACK_FILE = "feedback.jsonl";

/** The current file, feedback.jsonl; `rotatedFile(d, 1)` is the one before it, and so on. */
export const currentFile = (directory: string): string => path.join(directory, FEEDBACK_FILE);
export const rotatedFile = (directory: string, index: number): string => `${currentFile(directory)}.${index}`;

/** Every file that may hold feedback, oldest first: feedback.jsonl.<keep> … feedback.jsonl.1, feedback.jsonl. */
export function filesOldestFirst(directory: string, keep: number): string[] {
  const files: string[] = [];
  for (let index = keep; index >= 1; index -= 1) files.push(rotatedFile(directory, index));
  files.push(currentFile(directory));
  return files;
}

const isMissing = (error: unknown): boolean => (error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";

/**
 * feedback.jsonl becomes feedback.jsonl.1, .1 becomes .2, …, and .<keep> is overwritten (the
 * oldest records go). Highest first, so every rename lands on a name already moved on; each
 * rename is atomic, so a crash in between leaves a gap in the numbers, never a mixed file,
 * and readers skip gaps. keep = 0 just drops the full file.
 */
export async function rotateFeedbackFiles(fileSystem: FeedbackFileSystem, directory: string, keep: number): Promise<void> {
  const moves: Array<[string, string]> = [];
  for (let index = keep - 1; index >= 1; index -= 1) moves.push([rotatedFile(directory, index), rotatedFile(directory, index + 1)]);
  for (const [from, to] of moves) {
    await fileSystem.rename(from, to).catch((error: unknown) => {
      if (!isMissing(error)) throw error;
    });
  }
  if (keep === 0) await fileSystem.unlink(currentFile(directory));
  else await fileSystem.rename(currentFile(directory), rotatedFile(directory, 1));
}

/** Opens a file for reading, or undefined when it does not exist (never written, or a gap left by rotation). */
export async function openIfExists(fileSystem: FeedbackFileSystem, file: string): Promise<FeedbackFileHandle | undefined> {
  try {
    return await fileSystem.open(file, "r");
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}
