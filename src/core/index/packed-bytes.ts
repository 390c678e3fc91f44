/**
 * Small binary helpers for the index files that are not JSON (BM25 postings, the answerer's
 * term postings): little-endian 32-bit words and unsigned LEB128 varints. Portable (no
 * Buffer), so Workers read the same bytes Node writes.
 */
export class ByteWriter {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  get size(): number {
    return this.length;
  }

  uint32(value: number): void {
    this.reserve(4);
    const at = this.length;
    this.bytes[at] = value & 0xff;
    this.bytes[at + 1] = (value >>> 8) & 0xff;
    this.bytes[at + 2] = (value >>> 16) & 0xff;
    this.bytes[at + 3] = (value >>> 24) & 0xff;
    this.length += 4;
  }

  uint32s(values: ArrayLike<number>): void {
    for (let index = 0; index < values.length; index++) this.uint32(values[index]!);
  }

  varint(value: number): void {
    this.reserve(5);
    let rest = value >>> 0;
    while (rest >= 0x80) {
      this.bytes[this.length++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.bytes[this.length++] = rest;
  }

  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** A copy of exactly the bytes written. */
  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

export class ByteReader {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  offset = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  uint32(): number {
    if (this.offset + 4 > this.bytes.length) throw new RangeError("truncated");
    const value = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return value;
  }

  /** `count` little-endian words as an Int32Array (values must fit 31 bits). */
  int32s(count: number): Int32Array {
    if (this.offset + count * 4 > this.bytes.length) throw new RangeError("truncated");
    const result = new Int32Array(count);
    if (littleEndianHost && (this.bytes.byteOffset + this.offset) % 4 === 0) {
      result.set(new Int32Array(this.bytes.buffer, this.bytes.byteOffset + this.offset, count));
    } else {
      for (let index = 0; index < count; index++) result[index] = this.view.getInt32(this.offset + index * 4, true);
    }
    this.offset += count * 4;
    return result;
  }

  /** The next `count` bytes, as a view (no copy). */
  raw(count: number): Uint8Array {
    if (this.offset + count > this.bytes.length) throw new RangeError("truncated");
    const result = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return result;
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }
}

export const littleEndianHost = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Bytes a varint of this value takes. */
export function varintLength(value: number): number {
  return value < 0x80 ? 1 : value < 0x4000 ? 2 : value < 0x200000 ? 3 : value < 0x10000000 ? 4 : 5;
}

/** A read position in packed bytes, reused across reads so that hot loops allocate nothing per value. */
export interface ByteCursor {
  offset: number;
}

/** The unsigned varint at `cursor.offset` (values up to 31 bits, as written by ByteWriter.varint); moves the cursor past it. */
export function readVarint(bytes: Uint8Array, cursor: ByteCursor): number {
  let value = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = bytes[cursor.offset++]!;
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return value;
}
