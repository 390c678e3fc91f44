import type { ServerOptions } from "node:http";
import { serve, type ServerType } from "@hono/node-server";
import type { Hono } from "hono";

export interface LocalServer {
  readonly port: number;
  readonly baseUrl: string;
  readonly close: () => Promise<void>;
}

/** The app served by @hono/node-server on 127.0.0.1, on a free port, as `npm start` serves it. */
export function listen(app: Hono, serverOptions: ServerOptions = {}): Promise<LocalServer> {
  return new Promise((resolve) => {
    let server: ServerType | undefined = undefined;
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1", serverOptions }, (info) => {
      const running = server!;
      const close = (): Promise<void> =>
        new Promise((closed) => {
          // Tests leave hostile connections open on purpose: cut them, or close() would wait for them.
          if ("closeAllConnections" in running) running.closeAllConnections();
          running.close(() => closed());
        });
      resolve({ port: info.port, baseUrl: `http://127.0.0.1:${info.port}`, close });
    });
  });
}
