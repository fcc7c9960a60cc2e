import { connect, createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface ReplyDroppingProxy {
  url: string;
  /**
   * The next reply Redis sends is not passed on: the connection closes instead, as when Redis
   * stops after running a command and before answering it. Resolves once that happened.
   */
  dropNextReply(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1 in front of a Redis server. A dropped reply leaves the client with a
 * command that ran but was never answered, which ioredis sends again once it has reconnected.
 */
export async function replyDroppingProxy(redisPort: number): Promise<ReplyDroppingProxy> {
  let armed: (() => void) | undefined;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(redisPort, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => undefined);
    }
    client.on("data", (chunk) => upstream.write(chunk));
    upstream.on("data", (chunk) => {
      if (!armed) return void client.write(chunk);
      const dropped = armed;
      armed = undefined;
      client.destroy();
      upstream.destroy();
      dropped();
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dropNextReply: () => new Promise<void>((resolve) => (armed = resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
