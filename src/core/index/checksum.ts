/** SHA-256 as lower-case hex, via Web Crypto (global in Node 20 and in Workers). */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  // Web Crypto wants bytes over a plain ArrayBuffer: copied only when they are not (a copy of a large index file costs time and memory).
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data.buffer instanceof ArrayBuffer ? (data as Uint8Array<ArrayBuffer>) : new Uint8Array(data);
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
