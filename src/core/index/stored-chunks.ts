import { z } from "zod";
import type { Chunk } from "../chunking/chunk.js";
import { littleEndianHost } from "./packed-bytes.js";

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

/**
 * The chunk file's chunks. Checked field by field by hand (a schema library's per-object
 * overhead is most of the parse time at 50,000+ chunks); on any mismatch the schema
 * reports the exact problem.
 */
export function parseChunks(json: string): Chunk[] {
  const parsed: unknown = JSON.parse(json);
  if (Array.isArray(parsed) && parsed.every(isStoredChunk)) {
    return parsed.map((chunk) => ({ id: chunk.id, source: chunk.source, title: chunk.title, sectionPath: chunk.sectionPath, start: chunk.start, end: chunk.end, text: chunk.text }));
  }
  return storedChunksSchema.parse(parsed);
}

const isOffset = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value) && value >= 0;

function isStoredChunk(value: unknown): value is Chunk & { sectionPath: string[] } {
  if (typeof value !== "object" || value === null) return false;
  const chunk = value as Record<string, unknown>;
  return (
    typeof chunk.id === "string" &&
    typeof chunk.source === "string" &&
    typeof chunk.title === "string" &&
    Array.isArray(chunk.sectionPath) &&
    chunk.sectionPath.every((part) => typeof part === "string") &&
    isOffset(chunk.start) &&
    isOffset(chunk.end) &&
    typeof chunk.text === "string"
  );
}

/** Vectors as little-endian float32 rows, the layout both the exact index and Workers read. */
export function serializeVectors(vectors: readonly (readonly number[])[], dimensions: number): Uint8Array {
  const data = new Float32Array(vectors.length * dimensions);
  vectors.forEach((vector, row) => data.set(vector, row * dimensions));
  return littleEndianBytes(data);
}

function littleEndianBytes(data: Float32Array): Uint8Array {
  if (littleEndianHost) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const view = new DataView(new ArrayBuffer(data.length * 4));
  data.forEach((value, index) => view.setFloat32(index * 4, value, true));
  return new Uint8Array(view.buffer);
}

export function parseVectors(bytes: Uint8Array): Float32Array {
  // On a little-endian host the bytes are the floats: one copy (aligned, and not tied to the file's buffer).
  if (littleEndianHost) return new Float32Array(bytes.slice(0, bytes.byteLength - (bytes.byteLength % 4)).buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const data = new Float32Array(Math.floor(bytes.byteLength / 4));
  for (let index = 0; index < data.length; index++) data[index] = view.getFloat32(index * 4, true);
  return data;
}
