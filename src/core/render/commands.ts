import { mentionAll, neutralizeMentions } from "../mentions.js";
import { suggestCommand } from "../commands/suggest.js";
import { COMMAND_NAMES } from "../commands/types.js";
import type { Platform } from "../model.js";

const USAGE: Record<(typeof COMMAND_NAMES)[number], string> = {
  ack: "acknowledge: stops paging; you become Incident Lead if there is none",
  lead: "`/lead [@user]`: take or pass the Incident Lead role",
  handoff: "`/handoff @user`: hand over with a short form; they confirm with `/ack`",
  sev: "`/sev <1-4>`: change the severity",
  status: "`/status <text>`: a status update for the timeline and the log",
  timeline:
    "`/timeline [HH:MM] <text>`: add a timeline event (HH:MM in UTC, or `2026-11-22T14:05Z`)",
  mitigate: "post the mitigation decision template",
  decide: "`/decide <option>`: record the mitigation chosen and tell the people configured",
  mitigated: "`/mitigated [summary]`: the impact is contained",
  resolve:
    "`/resolve [<summary of the fix>] [root cause: <text>]`: resolve. The root cause is known only when stated after `root cause:` (here or on a line of its own below), otherwise a follow-up is opened to find it; `/resolve root cause: <text>` records it later, also after the issue was closed",
  reopen: "reopen a resolved incident",
  page: "`/page @user [reason]` or `/page team-name`: reach them now (Slack, e-mail)",
  help: "this list",
  similar: "search the incident log again for past incidents like this one",
  impact: "`/impact <who is affected, how, how much>`: the impact, for the log and the post-mortem",
  action:
    "`/action #123` links an issue as one of the incident's action items; `/action <what to do>` opens one",
};

export function renderHelp(unknownWords: string[] = [], platform: Platform = "github"): string {
  // GitLab takes some slash commands (`/reopen`, `/status`, `/timeline`) as its own quick actions.
  const prefix = platform === "gitlab" ? "/sevbot " : "/";
  const unknown = (word: string) => {
    const meant = suggestCommand(word);
    return `\`${prefix}${word}\`${meant ? ` (did you mean \`${prefix}${meant}\`?)` : ""}`;
  };
  const intro =
    unknownWords.length > 0 ? `sevbot does not know ${unknownWords.map(unknown).join(", ")}. ` : "";
  const gitlabNote =
    platform === "gitlab"
      ? [
          "",
          "On GitLab, start each command with `/sevbot` so that GitLab's own quick actions of the same name (`/reopen`, `/status`, `/timeline`) do not take it.",
        ]
      : [];
  // Each command with its arguments, as its usage writes it.
  const entry = (name: (typeof COMMAND_NAMES)[number]) => {
    const written = /^`\/([^`]+)`: (.*)$/.exec(USAGE[name]);
    const syntax = written ? written[1]! : name;
    const what = (written ? written[2]! : USAGE[name]).replaceAll("`/", `\`${prefix}`);
    return `- \`${prefix}${syntax}\`: ${what}`;
  };
  return [`${intro}Commands, one per line:`, "", ...COMMAND_NAMES.map(entry), ...gitlabNote].join(
    "\n",
  );
}

/** Seed 002: short-term vs long-term options, each weighed the same way. */
export function renderMitigationTemplate(): string {
  const option = (name: string) => [
    `### ${name}`,
    "- **Option:** ",
    "- **How effective is it?** ",
    "- **How many customers are affected by this decision?** ",
    "- **How exactly are they affected?** ",
    "- **What is the magnitude?** ",
    "- **Other positive and negative consequences:** ",
  ];
  return [
    "## Mitigation decision",
    "",
    "If the impact on users is greater than the time a proper fix takes, consider a short-term mitigation as well as the long-term fix. Copy this into a comment, fill it in, then record the choice with `/decide <option>` and the impact with `/impact <who, how, how much>`.",
    "",
    ...option("Short-term option"),
    "",
    ...option("Long-term option"),
  ].join("\n");
}

export function renderDecision(option: string, actor: string, notify: string[]): string {
  return [
    `## Mitigation decided by ${actor}`,
    "",
    `**Chosen:** ${neutralizeMentions(option)}`,
    notify.length > 0 ? `\nFor your information: ${mentionAll(notify)}` : "",
    "",
    "- [ ] Validate that the fix worked",
  ].join("\n");
}

export function renderHandoff(from: string, to: string): string {
  return [
    `## Hand-over from ${from} to @${to}`,
    "",
    `@${to}: please read the form below and confirm with \`/ack\` to take the lead.`,
    "",
    "- **Status:** ",
    "- **Hypotheses:** ",
    "- **Next steps:** ",
    "- **People involved:** ",
  ].join("\n");
}
