import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A round-robin load balancer on 127.0.0.1 in front of sevbot replicas. A replica that refuses
 * connections is skipped.
 */
export interface Balancer {
  url: string;
  setReplicas(urls: string[]): void;
  /** Requests sent to replicas (twice the deliveries when duplicating). */
  forwarded: number;
  close(): Promise<void>;
}

export interface BalancerOptions {
  /**
   * Send every delivery to two different live replicas at the same instant, as a retrying proxy
   * or a flaky network might (the replica suite's default); off, each goes to one replica.
   */
  duplicate?: boolean;
}

export async function startBalancer({ duplicate = true }: BalancerOptions = {}): Promise<Balancer> {
  let replicas: string[] = [];
  let next = 0;
  let forwarded = 0;
  const server: Server = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          ([name]) => !["host", "content-length", "connection"].includes(name),
        ),
      ) as Record<string, string>;
      const targets = pick(duplicate ? 2 : 1);
      const statuses = await Promise.all(
        targets.map((target) => send(`${target}${req.url}`, headers, body)),
      );
      forwarded += targets.length;
      const best =
        statuses.find((status) => status >= 200 && status < 300) ??
        statuses.find((status) => status > 0) ??
        502;
      res.writeHead(best).end();
    });
  });
  function pick(count: number): string[] {
    const chosen: string[] = [];
    for (let index = 0; index < replicas.length && chosen.length < count; index++)
      chosen.push(replicas[(next + index) % replicas.length]!);
    next++;
    return chosen;
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setReplicas(urls) {
      replicas = urls;
    },
    get forwarded() {
      return forwarded;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One attempt per replica; a dead one answers 0 (when duplicating, the other copy still gets through). */
async function send(url: string, headers: Record<string, string>, body: Buffer): Promise<number> {
  try {
    const response = await fetch(url, { method: "POST", headers, body });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
