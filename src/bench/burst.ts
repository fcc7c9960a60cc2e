import { startSandbox } from "../sandbox/index.js";
import { startServerProcess } from "../scenario/server-process.js";
import { waitForQuiet } from "../scenario/settle.js";

const REPO = "acme/burst";

export interface BurstResult {
  backlog: number;
  /** From the Sev-1 label to its checklist comment being written. */
  sev1ChecklistMs: number;
  /** From the Sev-1 label to the last Sev-4 triage note: how long the backlog took to drain. */
  backlogDrainedMs: number;
  /** Sev-4 notes still unwritten when the Sev-1 checklist went out. */
  backlogLeftAtSev1: number;
}

/**
 * Principle 8 measured: `backlog` Sev-4 label events queue up (each costs a triage note), then one
 * Sev-1 arrives. The Sev-1's checklist must go out long before the backlog drains.
 */
export async function measureBurst(secret: string, backlog = 1000): Promise<BurstResult> {
  const sandbox = await startSandbox({ webhookSecret: secret });
  sandbox.createRepo(REPO, { collaborators: { dana: "write" } });
  for (let index = 0; index <= backlog; index++)
    await sandbox.openIssue(REPO, { as: "reporter", title: `Report ${index}` });
  // GitHub's recommended pacing of writes (1 s) would make the drain take 20 minutes; 20 ms keeps the order visible.
  const server = await startServerProcess({
    gheHost: sandbox.gheHost,
    webhookSecret: secret,
    env: { SEVBOT_WRITE_INTERVAL_MS: "20" },
  });
  try {
    sandbox.setWebhookUrl(server.webhookUrl);
    for (let number = 1; number <= backlog; number++)
      await sandbox.addLabels(REPO, number, ["severity::4"], { as: "dana" });
    await sandbox.idle(); // every Sev-4 delivery is in sevbot's queue
    const sev1 = backlog + 1;
    const labelledAt = Date.now();
    await sandbox.addLabels(REPO, sev1, ["severity::1"], { as: "dana" });
    await waitForQuiet(sandbox, 1_000, 600_000);
    const comments = sandbox.requests.filter(
      (request) =>
        request.method === "POST" && request.path.endsWith("/comments") && request.status === 201,
    );
    const checklist = comments.find(
      (request) =>
        request.path.includes(`/issues/${sev1}/comments`) &&
        request.body?.includes("sevbot:checklist"),
    );
    const notes = comments.filter((request) => !request.path.includes(`/issues/${sev1}/`));
    const checklistAt = Date.parse(checklist?.at ?? "");
    return {
      backlog,
      sev1ChecklistMs: checklistAt - labelledAt,
      backlogDrainedMs: Date.parse(notes.at(-1)?.at ?? "") - labelledAt,
      backlogLeftAtSev1:
        backlog - notes.filter((request) => Date.parse(request.at) <= checklistAt).length,
    };
  } finally {
    await server.stop();
    await sandbox.close();
  }
}
