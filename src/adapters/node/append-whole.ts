import type { FeedbackFileHandle } from "./feedback-files.js";

const NEWLINE = 0x0a;

/**
 * Appends one line so that it is in the file whole or not at all.
 *
 * - A file that does not end in "\n" has a torn tail (a crash mid-write, or a rollback that
 *   itself failed): the line starts with "\n" so it is never glued onto the fragment. The
 *   fragment is kept, not cut off, because it may be a whole record a person saved without a
 *   final newline; if it is not a record, the export counts it as skipped.
 * - The line goes in one write (a short write, which a filling disk may return, is continued),
 *   then `datasync`, so "201" means the record is on disk and errors that a filesystem reports
 *   only on flush (NFS, quotas) still fail this append.
 * - On any failure the file is truncated back to the length it had, so a disk that fills up
 *   mid-record leaves no partial line behind.
 */
export async function appendWhole(handle: FeedbackFileHandle, line: Buffer): Promise<void> {
  const size = (await handle.stat()).size;
  let bytes = line;
  if (size > 0) {
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    if (last[0] !== NEWLINE) bytes = Buffer.concat([Buffer.from("\n"), line]);
  }
  try {
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
      // Zero bytes and no error would loop for ever; treat it as the full disk it means.
      if (bytesWritten === 0) throw Object.assign(new Error("write made no progress"), { code: "ENOSPC" });
      written += bytesWritten;
    }
    await handle.datasync();
  } catch (error) {
    // Best effort: if this fails too, the next append's tail check keeps the records apart.
    await handle.truncate(size).catch(() => undefined);
    throw error;
  }
}
