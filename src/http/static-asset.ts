import type { Context } from "hono";
import { stableHashHex } from "../core/chunking/stable-hash.js";

/** A file the app serves as it is (the widget bundles), with the validator that lets browsers reuse it. */
export interface StaticAsset {
  readonly body: string;
  readonly contentType: string;
  readonly etag: string;
}

/** A fingerprint of the content is all an ETag needs; no cryptographic strength. */
export function createStaticAsset(body: string, contentType: string): StaticAsset {
  return { body, contentType, etag: `"${stableHashHex(body)}-${body.length.toString(36)}"` };
}

/**
 * 304 when the browser already holds this version; otherwise the asset. Short max-age plus
 * ETag: embedders get a new widget within minutes of a deploy, without re-downloading an
 * unchanged one.
 */
export function serveAsset(context: Context, asset: StaticAsset, extraHeaders: Record<string, string> = {}): Response {
  const headers = {
    "Content-Type": asset.contentType,
    ETag: asset.etag,
    "Cache-Control": "public, max-age=300, must-revalidate",
    "X-Content-Type-Options": "nosniff",
    ...extraHeaders,
  };
  const ifNoneMatch = context.req.header("If-None-Match");
  // Compression turns the ETag weak (W/"…"); the content it names is the same.
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//u, "") === asset.etag)) {
    return context.body(null, 304, headers);
  }
  return context.body(asset.body, 200, headers);
}
