/** The committed index packed by scripts/build-worker-index.mjs (aliased in wrangler.toml). */
declare module "jiangjin-index-bundle" {
  const bundle: {
    /** index/manifest.json as written by ingest. */
    readonly manifest: string;
    /** Index files by manifest role, base64-encoded. */
    readonly files: Readonly<Record<string, string>>;
    /** The built chat page script and embed script, when they were built. */
    readonly widget: { readonly widget?: string; readonly app?: string };
    /** Title and byline of the report. */
    readonly about: { readonly title: string; readonly author: string | null; readonly published: string | null };
  };
  export default bundle;
}
