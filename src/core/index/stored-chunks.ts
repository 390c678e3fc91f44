import { z } from "zod";
import type { Chunk } from "../chunking/chunk.js";

const storedChunkSchema = z.object({
  id: z.string(),
  source: z.string(),
  title: z.string(),
  sectionPath: z.array(z.string()),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
});
const storedChunksSchema = z.array(storedChunkSchema);

/** One chunk per line: stable bytes for the same chunks, and readable diffs when the corpus changes. */
export function serializeChunks(chunks: readonly Chunk[]): string {
  const lines = chunks.map((chunk) =>
    JSON.stringify({ id: chunk.id, source: chunk.source, title: chunk.title, sectionPath: chunk.sectionPath, start: chunk.start, end: chunk.end, text: chunk.text }),
  );
  return `[\n${lines.join(",\n")}\n]\n`;
}

export function parseChunks(json: string): Chunk[] {
  return storedChunksSchema.parse(JSON.parse(json));
}

/** Vectors as little-endian float32 rows, the layout both the exact index and Workers read. */
export function serializeVectors(vectors: readonly (readonly number[])[], dimensions: number): Uint8Array {
  const data = new Float32Array(vectors.length * dimensions);
  vectors.forEach((vector, row) => data.set(vector, row * dimensions));
  return littleEndianBytes(data);
}

function littleEndianBytes(data: Float32Array): Uint8Array {
  const view = new DataView(new ArrayBuffer(data.length * 4));
  data.forEach((value, index) => view.setFloat32(index * 4, value, true));
  return new Uint8Array(view.buffer);
}

export function parseVectors(bytes: Uint8Array): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = new Float32Array(Math.floor(bytes.byteLength / 4));
  for (let index = 0; index < data.length; index++) data[index] = view.getFloat32(index * 4, true);
  return data;
}
