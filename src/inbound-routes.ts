import type { IncomingMessage, ServerResponse } from "node:http";
import { createPagerDutyRoute } from "./adapters/pagerduty/route.js";
import type { RedisCoordination } from "./adapters/redis/coordination.js";
import { createRedisSharedMemo } from "./adapters/redis/shared-memo.js";
import { createRemoteDispatch } from "./app/remote-dispatch.js";
import type { Runtime } from "./app/runtime.js";
import { memorySharedMemo } from "./app/shared-memo.js";
import type { ServerSettings } from "./config/env.js";
import type { Platform } from "./core/model.js";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

/** Composition of the routes that take events from outside the forge; each on when configured. */
export function inboundRoutes(
  settings: ServerSettings,
  runtime: Runtime,
  redis: RedisCoordination | undefined,
): Handler[] {
  const platforms: Platform[] = [
    ...(settings.github ? (["github"] as const) : []),
    ...(settings.gitlab ? (["gitlab"] as const) : []),
  ];
  const dispatch = createRemoteDispatch(runtime, platforms);
  const memo = redis ? createRedisSharedMemo(redis.redis, runtime.log) : memorySharedMemo();
  const claims = (prefix: string) => ({
    claim: (id: string) => runtime.dedupe.claim(`${prefix}:${id}`),
    release: async (id: string) => runtime.dedupe.release?.(`${prefix}:${id}`),
  });
  const { inbound } = settings;
  return [
    ...(inbound.pagerDutySecrets
      ? [
          createPagerDutyRoute({
            secrets: inbound.pagerDutySecrets,
            memo,
            dispatch,
            ...claims("pagerduty"),
            log: runtime.log.warn,
          }),
        ]
      : []),
  ];
}
