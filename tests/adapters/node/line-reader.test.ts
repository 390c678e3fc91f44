import { describe, expect, it } from "vitest";
import { readLines, type ReadableFile } from "../../../src/adapters/node/line-reader.js";

/** An in-memory file that counts the bytes it was asked for. */
function memoryFile(bytes: Buffer): ReadableFile & { largestRead: number } {
  const file = {
    largestRead: 0,
    async read(buffer: Buffer, offset: number, length: number, position: number) {
      file.largestRead = Math.max(file.largestRead, length);
      const bytesRead = bytes.copy(buffer, offset, position, Math.min(bytes.length, position + length));
      return { bytesRead };
    },
  };
  return file;
}

const collect = async (bytes: Buffer, end = bytes.length, max = 1024): Promise<Array<string | undefined>> => {
  const lines: Array<string | undefined> = [];
  for await (const line of readLines(memoryFile(bytes), end, max)) lines.push(line);
  return lines;
};

describe("readLines", () => {
  it("splits on \\n across chunk boundaries, multi-byte characters included, and yields a torn last line", async () => {
    const long = "江".repeat(30_000); // 90 000 bytes: spans two 64 KiB chunks, a character cut between them
    expect(await collect(Buffer.from(`一\n${long}\n\n尾巴`), undefined, 1 << 20)).toEqual(["一", long, "", "尾巴"]);
  });

  it("reads only up to `end` (the length the file had when it was opened)", async () => {
    expect(await collect(Buffer.from("a\nb\nc\n"), 4)).toEqual(["a", "b"]);
  });

  it("yields a line longer than the limit as undefined, never holding it, and goes on with the next", async () => {
    const file = memoryFile(Buffer.from(`ok\n${"x".repeat(5_000_000)}\nnext\n${"y".repeat(3000)}`));
    const lines: Array<string | undefined> = [];
    for await (const line of readLines(file, 5_000_000 + 3 + 6 + 3000, 1024)) lines.push(line);
    expect(lines).toEqual(["ok", undefined, "next", undefined]);
    expect(file.largestRead).toBeLessThanOrEqual(64 * 1024);
  });
});
