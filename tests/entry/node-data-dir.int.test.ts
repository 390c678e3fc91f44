import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childEnvironment, freePort, waitForExit, waitForHealth } from "../support/child-process.js";
import { projectRoot } from "../support/corpus.js";
import { buildIndexWorkspace, removeTempDirectory, type IndexWorkspace } from "../support/index-workspace.js";

const root = await mkdtemp(join(tmpdir(), "node-data-dir-"));
// Its own index, so the test does not depend on the state of the committed one.
let workspace: IndexWorkspace;
beforeAll(async () => {
  workspace = await buildIndexWorkspace("node-data-dir-index");
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await removeTempDirectory(workspace?.root);
});

describe("start-up with a DATA_DIR that cannot be created", () => {
  it("warns on stderr, still starts and answers questions, and reports degraded health", async () => {
    const blocker = join(root, "a-file");
    await writeFile(blocker, "");
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const server = spawn(process.execPath, ["--import", "tsx", "src/entry/node.ts"], {
      cwd: projectRoot,
      env: childEnvironment({ PORT: String(port), HOST: "127.0.0.1", DATA_DIR: join(blocker, "data"), INDEX_DIR: workspace.indexDirectory, CORPUS_DIR: workspace.corpusDirectory }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = waitForExit(server, 60_000);
    try {
      await waitForHealth(baseUrl, server, exited, 50_000);
      const health = (await (await fetch(`${baseUrl}/api/health`)).json()) as { status: string; checks: Record<string, string> };
      expect(health).toMatchObject({ status: "degraded", checks: { dataDir: "unwritable" } });
      const search = await fetch(`${baseUrl}/api/search?q=${encodeURIComponent("森林覆盖率")}`);
      expect(search.status).toBe(200);
    } finally {
      server.kill("SIGTERM");
    }
    const { stderr } = await exited;
    expect(stderr).toMatch(/warning: DATA_DIR .*a-file\/data cannot be written \(unwritable: .*(ENOTDIR|EEXIST).*\); feedback answers 503/u);
  }, 70_000);
});
