import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { childEnvironment, freePort, waitForExit, waitForHealth } from "../support/child-process.js";
import { projectRoot } from "../support/corpus.js";

const run = promisify(execFile);

export interface RunningService {
  readonly baseUrl: string;
  /** DATA_DIR of the server: a temp folder's "data" subfolder, which does not exist at start. */
  readonly dataDirectory: string;
  stop(): Promise<void>;
}

/** `npm run build` as a user runs it: the server bundle and both widget bundles. */
export async function buildProject(): Promise<void> {
  await run("npm", ["run", "--silent", "build"], { cwd: projectRoot, env: childEnvironment(), maxBuffer: 10 * 1024 * 1024 });
}

/** `node dist/server.mjs` on a free port, with its own DATA_DIR, the given CORS origins and no rate limit. */
export async function startService(allowedOrigins: readonly string[]): Promise<RunningService> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const temporary = await mkdtemp(path.join(tmpdir(), "jjqa-widget-"));
  const dataDirectory = path.join(temporary, "data");
  const server = spawn(process.execPath, ["dist/server.mjs"], {
    cwd: projectRoot,
    // No rate limit: one browser runs every test against this server within a minute, and a page
    // now opens a stream per question; the 429 path is tested with a routed reply, not by exhausting the bucket.
    env: childEnvironment({ PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDirectory, ALLOWED_ORIGINS: allowedOrigins.join(","), RATE_LIMIT_PER_MINUTE: "0" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = waitForExit(server, 600_000);
  await waitForHealth(baseUrl, server, exited);
  return {
    baseUrl,
    dataDirectory,
    async stop() {
      if (server.exitCode === null && server.signalCode === null) server.kill("SIGTERM");
      await exited.catch(() => undefined);
      await rm(temporary, { recursive: true, force: true });
    },
  };
}

/** A third-party site on its own origin (another port): a plain page that embeds the widget with one tag. */
export interface HostSite {
  readonly origin: string;
  stop(): Promise<void>;
}

export function hostPage(widgetOrigin: string, apiOrigin: string, language: "zh" | "en" = "zh"): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>某区门户 · 新闻</title>
<style>
  /* A hostile host stylesheet: none of this may reach inside the widget. */
  * { letter-spacing: 3px !important; font-family: serif !important; }
  button { display: none; background: lime !important; }
  mark { background: black; color: black; }
  p { font-size: 40px; }
</style>
</head>
<body>
<nav><a href="#top">首页</a> <a href="#news">新闻</a></nav>
<article><h1>区里的新闻</h1><p>一篇嵌入了问答小部件的文章。</p></article>
<script src="${widgetOrigin}/widget.js" data-api="${apiOrigin}" data-title="江津党代会报告问答" data-position="left" data-color="#1a5fb4" data-lang="${language}" async></script>
</body>
</html>
`;
}

/** Serves `page` at / on 127.0.0.1:port (reserved with freePort before the API server starts, so its origin can be allowed). */
export async function startHostSite(port: number, page: string): Promise<HostSite> {
  const server: Server = createServer((request, response) => {
    if (request.url !== "/") {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
