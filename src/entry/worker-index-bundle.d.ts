/** The committed index packed by scripts/build-worker-index.mjs (aliased in wrangler.toml). */
declare module "jiangjin-index-bundle" {
  const bundle: {
    /** index/manifest.json as written by ingest. */
    readonly manifest: string;
    /** Index files by manifest role, base64-encoded. */
    readonly files: Readonly<Record<string, string>>;
  };
  export default bundle;
}
