import type { Platform } from "../../src/core/model.js";
import type { EventJob } from "../../src/ports/event-queue.js";

/**
 * A queued tick job for tests of the queues themselves: `title` tells jobs apart (identical
 * titles on one issue are one event, and coalesce), the id is the delivery's.
 */
export function tickJob(options: {
  id: string;
  title: string;
  priority: number;
  platform?: Platform;
  number?: number;
}): EventJob {
  const { id, title, priority, platform = "github", number = 1 } = options;
  return {
    id,
    name: `job ${title}`,
    priority,
    platform,
    installationId: 1,
    event: {
      kind: "tick",
      issue: {
        ref: { platform, repo: "acme/shop", number },
        title,
        body: "",
        labels: [],
        state: "open",
        author: "",
        url: "",
        confidential: false,
      },
      actor: { login: "x", isBot: false },
    },
  };
}
