/**
 * Reminders for what resolution leaves behind: a post-mortem past its due date, a follow-up
 * open too long. Pure: the caller lists the open issues; keys make each reminder happen once.
 */
export interface OpenIssue {
  number: number;
  body: string;
  createdAt?: string;
}

export interface OverdueReminder {
  number: number;
  key: string;
  body: string;
}

const DUE = /\*\*Due:\*\* (\d{4}-\d{2}-\d{2})/;

export function overduePostMortems(
  issues: OpenIssue[],
  now: Date,
  mention: string,
): OverdueReminder[] {
  const today = now.toISOString().slice(0, 10);
  return issues.flatMap((issue) => {
    const due = DUE.exec(issue.body)?.[1];
    if (!due || due >= today) return [];
    return [
      {
        number: issue.number,
        key: `post-mortem-overdue-${due}`,
        body: `📝 This post-mortem was due on ${due}.${mention ? ` ${mention}` : ""} Please finish it, or say when it will be done.`,
      },
    ];
  });
}

/** One reminder per `days` period the follow-up stays open. */
export function staleFollowUps(issues: OpenIssue[], now: Date, days: number): OverdueReminder[] {
  return issues.flatMap((issue) => {
    if (!issue.createdAt) return [];
    const age = Math.floor((now.getTime() - Date.parse(issue.createdAt)) / 86_400_000);
    if (age < days) return [];
    return [
      {
        number: issue.number,
        key: `follow-up-open-${Math.floor(age / days)}`,
        body: `⏳ This follow-up has been open for ${age} days. Is the root cause found? Close it with what was learned, or update the plan.`,
      },
    ];
  });
}
