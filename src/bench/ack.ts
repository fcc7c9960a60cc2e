import { startSandbox } from "../sandbox/index.js";
import { startRedisServer, type RedisServer } from "../scenario/redis-server.js";
import { startServerProcess } from "../scenario/server-process.js";
import { waitForQuiet } from "../scenario/settle.js";
import { sendFromWorker } from "./ack-client.js";
import { loadWebhooks, type LoadResult } from "./load.js";
import { labeledPayload } from "./payload.js";

const WORKER_CONCURRENCY = process.env.SEVBOT_WORKER_CONCURRENCY;

export interface AckRow {
  redis: boolean;
  inFlight: number;
  result: LoadResult;
}

/**
 * How long one replica takes to answer a delivery, with the in-process queue and with Redis
 * (BullMQ): `deliveries` Sev-1 labels over as many issues (each a new job, none coalesced), sent
 * one at a time and then `concurrency` at a time, from a thread of their own (`ack-client.ts`).
 * The jobs run meanwhile, as they would.
 */
export async function measureAcks(
  secret: string,
  options: { deliveries: number; concurrency: number; withRedis: boolean },
): Promise<AckRow[]> {
  const rows: AckRow[] = [];
  for (const redis of options.withRedis ? [false, true] : [false])
    for (const inFlight of [1, options.concurrency])
      rows.push({
        redis,
        inFlight,
        result: await acks(secret, redis, inFlight, options.deliveries),
      });
  return rows;
}

async function acks(secret: string, withRedis: boolean, inFlight: number, deliveries: number) {
  const repo = "acme/acks";
  const sandbox = await startSandbox({ webhookSecret: secret });
  sandbox.createRepo(repo, {});
  for (let index = 1; index <= deliveries; index++)
    await sandbox.openIssue(repo, { as: "reporter", title: `Ack ${index}` });
  let redis: RedisServer | undefined;
  try {
    redis = withRedis ? await startRedisServer({ appendfsync: "everysec" }) : undefined;
    const server = await startServerProcess({
      gheHost: sandbox.gheHost,
      webhookSecret: secret,
      env: {
        ...(redis ? { REDIS_URL: redis.url } : {}),
        // Passed on, so the concurrency experiment in docs/operations.md can be repeated.
        ...(WORKER_CONCURRENCY ? { SEVBOT_WORKER_CONCURRENCY: WORKER_CONCURRENCY } : {}),
      },
    });
    try {
      // Warm up: the installation token, the config and (with Redis) BullMQ's scripts.
      const warm = labeledPayload(repo, "severity::4", deliveries);
      await loadWebhooks(server.webhookUrl, secret, warm, 20, 1);
      await waitForQuiet(sandbox, 300, 60_000);
      return await sendFromWorker({
        url: server.webhookUrl,
        secret,
        repo,
        first: 1,
        deliveries,
        inFlight,
      });
    } finally {
      await waitForQuiet(sandbox, 300, 120_000).catch(() => undefined);
      await server.stop();
    }
  } finally {
    await redis?.stop();
    await sandbox.close();
  }
}
