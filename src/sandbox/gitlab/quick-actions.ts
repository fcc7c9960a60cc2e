import type { IssueUpdate, Mutations } from "../mutations.js";
import type { SandboxComment, SandboxIssue, SandboxRepo, SandboxUser } from "../store.js";

/**
 * GitLab executes the quick actions it knows (`/label ~x`, `/close`, …) when a note is created
 * and removes those lines from the stored note; a note that was only quick actions is not stored
 * and sends no Note Hook. Lines it does not know (`/ack`, `/status x`, `/sevbot …`) stay verbatim,
 * which is why sevbot's commands must survive GitLab: this reproduces that.
 */
const KNOWN = new Set([
  "label",
  "unlabel",
  "relabel",
  "close",
  "reopen",
  "assign",
  "unassign",
  "title",
  "confidential",
]);

export interface QuickAction {
  name: string;
  args: string;
}

/** Splits a note into the quick actions GitLab knows and the text it stores (code blocks untouched). */
export function extractQuickActions(body: string): { text: string; actions: QuickAction[] } {
  const actions: QuickAction[] = [];
  const kept: string[] = [];
  let inCode = false;
  for (const line of body.split("\n")) {
    if (/^\s*```/.test(line)) inCode = !inCode;
    const match = inCode ? null : /^\/([a-z_]+)(?:\s+(.*))?$/i.exec(line.trimEnd());
    const name = match?.[1]?.toLowerCase();
    if (name && KNOWN.has(name)) actions.push({ name, args: (match?.[2] ?? "").trim() });
    else kept.push(line);
  }
  return { text: kept.join("\n").trim(), actions };
}

/** `~bug ~"needs review" severity::1` → the label names. */
function labelArgs(args: string): string[] {
  return [...args.matchAll(/~?"([^"]+)"|~?([^\s~",]+)/g)].map((match) => (match[1] ?? match[2])!);
}

function userArgs(args: string, actor: SandboxUser): string[] {
  return [...args.matchAll(/@?([\w.[\]-]+)/g)].map((match) =>
    match[1] === "me" ? actor.login : match[1]!,
  );
}

/** The issue as it will be after the actions, in the order they were written. */
export function planQuickActions(
  actions: QuickAction[],
  issue: SandboxIssue,
  actor: SandboxUser,
): IssueUpdate {
  let labels = issue.labels.map((label) => label.name);
  let assignees = issue.assignees.map((user) => user.login);
  const update: IssueUpdate = {};
  const without = (names: string[], removed: string[]) =>
    names.filter((name) => !removed.some((other) => other.toLowerCase() === name.toLowerCase()));
  for (const { name, args } of actions) {
    if (name === "label") labels = [...labels, ...labelArgs(args)];
    if (name === "unlabel") labels = args ? without(labels, labelArgs(args)) : [];
    if (name === "relabel") labels = labelArgs(args);
    if (name === "assign") assignees = [...assignees, ...userArgs(args, actor)];
    if (name === "unassign") assignees = args ? without(assignees, userArgs(args, actor)) : [];
    if (name === "close") update.state = "closed";
    if (name === "reopen") update.state = "open";
    if (name === "title" && args) update.title = args;
    if (name === "confidential") update.confidential = true;
  }
  if (actions.some((action) => ["label", "unlabel", "relabel"].includes(action.name)))
    update.labels = labels;
  if (actions.some((action) => ["assign", "unassign"].includes(action.name)))
    update.assignees = assignees;
  return update;
}

/** A note as GitLab creates it: stored without its quick actions, which are then applied. */
export function createNote(
  mutate: Mutations,
  repo: SandboxRepo,
  issue: SandboxIssue,
  actor: SandboxUser,
  body: string,
): { comment?: SandboxComment; actions: QuickAction[]; update: IssueUpdate } {
  const { text, actions } = extractQuickActions(body);
  const update = planQuickActions(actions, issue, actor);
  const comment =
    actions.length === 0
      ? mutate.createComment(repo, issue, actor, body)
      : text
        ? mutate.createComment(repo, issue, actor, text)
        : undefined;
  if (actions.length > 0) mutate.updateIssue(repo, issue, actor, update);
  return { ...(comment ? { comment } : {}), actions, update };
}
