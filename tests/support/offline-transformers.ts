/**
 * Offline means offline: transformers.js fetches through `env.fetch`, so replacing it makes
 * any network use fail the test (and be recorded) instead of hanging it.
 */
export async function blockTransformersNetwork(): Promise<{ readonly requests: string[]; restore(): void }> {
  const { env } = await import("@huggingface/transformers");
  const originalFetch = env.fetch;
  const requests: string[] = [];
  env.fetch = async (input: string | URL) => {
    requests.push(String(input));
    throw new Error(`network access attempted: ${String(input)}`);
  };
  return {
    requests,
    restore: () => {
      env.fetch = originalFetch;
    },
  };
}
