import type { SevbotConfig } from "../config/schema.js";
import { hasMarker, marker } from "../core/markers.js";
import { overduePostMortems, staleFollowUps, type OverdueReminder } from "../core/overdue.js";
import type { IssueRef } from "../core/model.js";
import type { Forge } from "../ports/forge.js";

/** Post-mortems past due and follow-ups open too long get one reminder each per period. */
export async function remindOverdueIn(
  forge: Forge,
  repo: string,
  config: SevbotConfig,
  now: Date,
): Promise<number> {
  const refs = new Map<number, IssueRef>();
  const list = async (label: string | undefined) => {
    const issues = label ? await forge.listOpenIssues(repo, label) : [];
    for (const issue of issues) refs.set(issue.ref.number, issue.ref);
    return issues.map((issue) => ({
      number: issue.ref.number,
      body: issue.body,
      ...(issue.createdAt ? { createdAt: issue.createdAt } : {}),
    }));
  };
  const reminders: OverdueReminder[] = [
    ...overduePostMortems(await list(config.resolution.postMortemLabels[0]), now, ""),
    ...staleFollowUps(
      await list(config.resolution.followUpLabels[0]),
      now,
      config.escalation.followUpReminderDays,
    ),
  ];
  let posted = 0;
  for (const reminder of reminders) {
    const ref = refs.get(reminder.number)!;
    const comments = await forge.listComments(ref);
    if (comments.some((comment) => comment.byBot && hasMarker(comment.body, reminder.key)))
      continue;
    await forge.createComment(ref, `${reminder.body}\n\n${marker(reminder.key)}`);
    posted++;
  }
  return posted;
}
