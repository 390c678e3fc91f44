import { execFile } from "node:child_process";
import * as fs from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { FeedbackFileHandle, FeedbackFileSystem } from "../../src/adapters/node/feedback-files.js";

const run = promisify(execFile);

/** The error the kernel gives for a write to a full device, taken from /dev/full (ENOSPC, errno -28). */
export async function realDiskFullError(): Promise<NodeJS.ErrnoException> {
  const error = (await fs.writeFile("/dev/full", "x").catch((caught: unknown) => caught)) as NodeJS.ErrnoException | undefined;
  if (error?.code !== "ENOSPC") throw new Error(`writing /dev/full did not fail with ENOSPC: ${String(error)}`);
  return error;
}

/** A directory on a filesystem that can be filled to the last byte and emptied again. */
export interface FullFilesystem {
  /** "tmpfs": a real 64 KiB tmpfs; "injected": writes fail with /dev/full's error (mounting not permitted here). */
  readonly kind: "tmpfs" | "injected";
  readonly directory: string;
  /** What the store must use: the real file system on tmpfs, the failing one otherwise. */
  readonly fileSystem: FeedbackFileSystem | undefined;
  /** Uses up all free space (what is left is less than a page, so the next write tears mid-line). */
  fill(): Promise<void>;
  /** Gives the space back. */
  free(): Promise<void>;
  /** Unmounts and removes everything; safe to call twice. */
  dispose(): Promise<void>;
}

/** A 64 KiB tmpfs when this process may mount one (root), else (or when asked) the injected stand-in. */
export async function fullFilesystem(want: "tmpfs" | "injected"): Promise<FullFilesystem> {
  const directory = await fs.mkdtemp(join(tmpdir(), "feedback-full-"));
  if (want === "injected") return injectedFullFilesystem(directory, await realDiskFullError());
  try {
    await run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", directory]);
  } catch {
    return injectedFullFilesystem(directory, await realDiskFullError());
  }
  const filler = join(directory, "filler");
  let mounted = true;
  return {
    kind: "tmpfs",
    directory,
    fileSystem: undefined,
    async fill() {
      const handle = await fs.open(filler, "a");
      try {
        // Page by page until the kernel says no more; then byte by byte into the last page.
        for (const size of [4096, 1]) {
          const chunk = Buffer.alloc(size, 0x30);
          for (;;) {
            const error = await handle.write(chunk).then(() => undefined, (caught: unknown) => caught as NodeJS.ErrnoException);
            if (error?.code === "ENOSPC") break;
            if (error) throw error;
          }
        }
      } finally {
        await handle.close();
      }
    },
    free: () => fs.rm(filler, { force: true }),
    async dispose() {
      if (mounted) {
        await run("umount", [directory]).catch(() => run("umount", ["-l", directory]));
        mounted = false;
      }
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * Real files in a temp folder, but while "full" every write stores what fits in `room` bytes
 * (here none past the first 100) and then fails with the kernel's own ENOSPC error, as a
 * filling disk does: a short write, then ENOSPC.
 */
function injectedFullFilesystem(directory: string, diskFull: NodeJS.ErrnoException): FullFilesystem {
  let full = false;
  let room = 0;
  const wrap = (handle: fs.FileHandle): FeedbackFileHandle => ({
    stat: () => handle.stat(),
    read: (buffer, offset, length, position) => handle.read(buffer, offset, length, position),
    async write(buffer, offset, length) {
      if (!full) return handle.write(buffer, offset, length);
      if (room === 0) throw diskFull;
      const fits = Math.min(room, length);
      room -= fits;
      return handle.write(buffer, offset, fits);
    },
    datasync: () => handle.datasync(),
    truncate: (length) => handle.truncate(length),
    close: () => handle.close(),
  });
  return {
    kind: "injected",
    directory,
    fileSystem: {
      mkdir: (path, options) => fs.mkdir(path, options),
      open: async (file, flags) => wrap(await fs.open(file, flags)),
      rename: (from, to) => fs.rename(from, to),
      unlink: (file) => fs.unlink(file),
    },
    async fill() {
      full = true;
      room = 100;
    },
    async free() {
      full = false;
    },
    dispose: () => fs.rm(directory, { recursive: true, force: true }),
  };
}
