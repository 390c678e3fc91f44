/** The part of an open file the line reader needs (node:fs/promises FileHandle has it). */
export interface ReadableFile {
  read(buffer: Buffer, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
}

const CHUNK_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * The lines of the first `end` bytes of a file, without their "\n", read a chunk at a time:
 * memory stays at one chunk plus one line whatever the file's size (readFile of a 550 MB
 * export overflowed V8's string limit). A line longer than `maxLineBytes` is never held whole:
 * it is yielded as `undefined` (corrupt — no record is that long). Bytes after the last "\n"
 * (a torn write) are yielded as a last line.
 */
export async function* readLines(file: ReadableFile, end: number, maxLineBytes: number): AsyncGenerator<string | undefined> {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let overlong = false;
  const finish = (last: Buffer): string | undefined => {
    const line = overlong || pendingBytes + last.length > maxLineBytes ? undefined : Buffer.concat([...pending, last]).toString("utf8");
    pending = [];
    pendingBytes = 0;
    overlong = false;
    return line;
  };
  let position = 0;
  while (position < end) {
    const { bytesRead } = await file.read(buffer, 0, Math.min(CHUNK_BYTES, end - position), position);
    if (bytesRead === 0) break; // the file shrank under us: what was there has been read
    position += bytesRead;
    const chunk = buffer.subarray(0, bytesRead);
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE, start); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      yield finish(chunk.subarray(start, newline));
      start = newline + 1;
    }
    const rest = chunk.subarray(start);
    if (overlong || rest.length === 0) continue;
    if (pendingBytes + rest.length > maxLineBytes) {
      overlong = true;
      pending = [];
      pendingBytes = 0;
    } else {
      // Copied: the buffer is reused for the next chunk.
      pending.push(Buffer.from(rest));
      pendingBytes += rest.length;
    }
  }
  if (pendingBytes > 0 || overlong) yield finish(Buffer.alloc(0));
}
