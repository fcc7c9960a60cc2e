import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startSandbox, type Sandbox, type SandboxOptions } from "../../src/sandbox/index.js";

export const SECRET = "gitlab-test-secret";

export interface Received {
  headers: IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- webhook JSON, asserted field by field
  body: any;
}

/** A GitLab sandbox and, on request, a local receiver for its webhooks; `stop()` closes both. */
export function gitlabHarness() {
  let sandbox: Sandbox | undefined;
  let receiver: Server | undefined;

  async function receive(): Promise<{ url: string; received: Received[] }> {
    const received: Received[] = [];
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({
          headers: req.headers,
          body: JSON.parse(Buffer.concat(chunks).toString("utf8")),
        });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver!.listen(0, "127.0.0.1", resolve));
    return {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/gitlab`,
      received,
    };
  }

  /** `fetch` against `/api/v4`, as the bot unless another token (or `null`: none) is given. */
  function api(
    path: string,
    init: RequestInit & { token?: string | null } = {},
  ): Promise<Response> {
    const { token = "glpat-sandbox", ...rest } = init;
    const headers: Record<string, string> = {
      "content-type": "application/json",
      ...(token ? { "private-token": token } : {}),
      ...(rest.headers as Record<string, string> | undefined),
    };
    return fetch(`${sandbox!.apiUrl}${path}`, { ...rest, headers });
  }

  return {
    receive,
    api,
    async start(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
      sandbox = await startSandbox({ platform: "gitlab", webhookSecret: SECRET, ...options });
      return sandbox;
    },
    async json<T = Record<string, unknown>>(
      path: string,
      init: RequestInit & { token?: string | null } = {},
    ): Promise<{ status: number; body: T; headers: Headers }> {
      const response = await api(path, init);
      return {
        status: response.status,
        body: (await response.json()) as T,
        headers: response.headers,
      };
    },
    async stop(): Promise<void> {
      await sandbox?.close();
      await new Promise<void>((resolve) =>
        receiver ? receiver.close(() => resolve()) : resolve(),
      );
      sandbox = undefined;
      receiver = undefined;
    },
  };
}
