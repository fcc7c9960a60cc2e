import type { Actor, DomainEvent, IssueSnapshot } from "../../core/events.js";

/** The parts of GitLab's Issue Hook and Note Hook payloads sevbot reads. */
interface GitlabLabel {
  title: string;
}

interface GitlabIssueAttributes {
  iid: number;
  title: string;
  description?: string | null;
  state?: string;
  action?: string;
  confidential?: boolean;
  url?: string;
  created_at?: string;
  labels?: GitlabLabel[];
}

export interface GitlabPayload {
  object_kind: string;
  event_type?: string;
  user?: { id?: number; username: string; bot?: boolean };
  /** `visibility_level` 0 is private (10 internal, 20 public). */
  project?: { path_with_namespace: string; visibility_level?: number };
  object_attributes?: GitlabIssueAttributes & {
    id?: number;
    note?: string;
    noteable_type?: string;
    system?: boolean;
  };
  issue?: GitlabIssueAttributes;
  labels?: GitlabLabel[];
  changes?: { labels?: { previous?: GitlabLabel[]; current?: GitlabLabel[] } };
}

export type GitlabTranslation =
  { kind: "events"; events: DomainEvent[] } | { kind: "ignored"; reason: string };

function actorOf(payload: GitlabPayload, botUsername: string | undefined): Actor {
  const username = payload.user?.username ?? "ghost";
  // GitLab project and group access tokens act as `project_<id>_bot…` / `group_<id>_bot…` users.
  const isBot =
    payload.user?.bot === true ||
    username === botUsername ||
    /^(project|group)_\d+_bot/.test(username);
  return {
    login: username,
    isBot,
    ...(payload.user?.id !== undefined ? { id: payload.user.id } : {}),
  };
}

function snapshotOf(
  payload: GitlabPayload,
  attributes: GitlabIssueAttributes,
  labels: GitlabLabel[] | undefined,
): IssueSnapshot {
  return {
    ref: {
      platform: "gitlab",
      repo: payload.project?.path_with_namespace ?? "",
      number: attributes.iid,
    },
    title: attributes.title,
    body: attributes.description ?? "",
    labels: (labels ?? attributes.labels ?? []).map((label) => label.title),
    state: attributes.state === "closed" ? "closed" : "open",
    author: payload.user?.username ?? "ghost",
    url: attributes.url ?? "",
    // Like a private GitHub repository, a private project's incidents stay out of wider trackers.
    confidential:
      payload.event_type?.startsWith("confidential_") === true ||
      attributes.confidential === true ||
      payload.project?.visibility_level === 0,
    ...(attributes.created_at ? { createdAt: attributes.created_at } : {}),
  };
}

/** GitLab Issue Hook / Note Hook → DomainEvents (one update can add several labels). */
export function translateGitlabEvent(
  payload: GitlabPayload,
  botUsername?: string,
): GitlabTranslation {
  const actor = actorOf(payload, botUsername);
  if (payload.object_kind === "issue" && payload.object_attributes)
    return issueEvents(payload, payload.object_attributes, actor);
  if (
    payload.object_kind === "note" &&
    payload.object_attributes?.noteable_type === "Issue" &&
    payload.issue
  ) {
    if (payload.object_attributes.system)
      return { kind: "ignored", reason: "system notes are GitLab's own" };
    const issue = snapshotOf(payload, payload.issue, payload.issue.labels);
    const comment = {
      id: payload.object_attributes.id ?? 0,
      body: payload.object_attributes.note ?? "",
      author: actor.login,
      byBot: actor.isBot,
    };
    return {
      kind: "events",
      events: [
        {
          kind:
            payload.object_attributes.action === "update" ? "comment-edited" : "comment-created",
          issue,
          actor,
          comment,
        },
      ],
    };
  }
  return { kind: "ignored", reason: `${payload.object_kind} events are not handled` };
}

function issueEvents(
  payload: GitlabPayload,
  attributes: GitlabIssueAttributes,
  actor: Actor,
): GitlabTranslation {
  // After a label change, the current labels are those in `changes`.
  const issue = snapshotOf(payload, attributes, payload.changes?.labels?.current ?? payload.labels);
  switch (attributes.action) {
    case "open":
      return { kind: "events", events: [{ kind: "issue-opened", issue, actor }] };
    case "close":
      return {
        kind: "events",
        events: [{ kind: "issue-closed", issue: { ...issue, state: "closed" }, actor }],
      };
    case "reopen":
      return {
        kind: "events",
        events: [{ kind: "issue-reopened", issue: { ...issue, state: "open" }, actor }],
      };
    case "update": {
      const previous = new Set(
        (payload.changes?.labels?.previous ?? []).map((label) => label.title),
      );
      const current = (payload.changes?.labels?.current ?? []).map((label) => label.title);
      const added = current.filter((label) => !previous.has(label));
      const removed = [...previous].filter((label) => !current.includes(label));
      const events: DomainEvent[] = [
        ...added.map((label): DomainEvent => ({ kind: "issue-labeled", issue, actor, label })),
        ...removed.map((label): DomainEvent => ({ kind: "issue-unlabeled", issue, actor, label })),
      ];
      return events.length > 0
        ? { kind: "events", events }
        : { kind: "ignored", reason: "an update that changed no labels" };
    }
    default:
      return {
        kind: "ignored",
        reason: `issue action ${attributes.action ?? "(none)"} is not handled`,
      };
  }
}
