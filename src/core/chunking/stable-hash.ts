/** FNV-1a over UTF-16 code units: a short, stable, dependency-free fingerprint (not for security). */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function stableHashHex(text: string): string {
  return fnv1a32(text).toString(16).padStart(8, "0");
}
