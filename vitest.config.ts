import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // src/entry/worker.ts imports this .wasm as wrangler does; in-process Worker tests get its bytes.
    alias: { "jieba-wasm/pkg/web/jieba_rs_wasm_bg.wasm": fileURLToPath(new URL("tests/support/jieba-wasm-bytes.ts", import.meta.url)) },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start servers and child processes; two cores, so keep it modest.
    maxWorkers: 2,
  },
});
