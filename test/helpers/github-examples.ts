import { createRequire } from "node:module";

/**
 * Real webhook payloads from @octokit/webhooks-examples. Tests change only labels, titles, bodies
 * and add the `installation` every GitHub App delivery carries (most examples were recorded
 * without one).
 */
const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples/api.github.com/index.json") as Array<{
  name: string;
  examples: Array<Record<string, unknown>>;
}>;

export const INSTALLATION = { id: 4242, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNDI0Mg==" };
export const EXAMPLE_REPO = "Codertocat/Hello-World";

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function example(name: string, action: string): Payload {
  const found = examples
    .find((entry) => entry.name === name)
    ?.examples.find(
      (entry) => entry.action === action && !(entry.issue as Payload | undefined)?.pull_request,
    );
  if (!found) throw new Error(`no ${name}.${action} example`);
  return { ...structuredClone(found), installation: INSTALLATION };
}

function labelObject(name: string) {
  return {
    id: 1000 + name.length,
    node_id: "LA_test",
    url: `https://api.github.com/repos/${EXAMPLE_REPO}/labels/${encodeURIComponent(name)}`,
    name,
    color: "d73a4a",
    default: false,
    description: null,
  };
}

export interface IssueEdits {
  labels?: string[];
  title?: string;
  body?: string;
}

function editIssue(payload: Payload, edits: IssueEdits): Payload {
  if (edits.labels) payload.issue.labels = edits.labels.map(labelObject);
  if (edits.title !== undefined) payload.issue.title = edits.title;
  if (edits.body !== undefined) payload.issue.body = edits.body;
  return payload;
}

/** `issues.labeled`: `label` was just added; `labels` are all labels on the issue afterwards. */
export function labeledPayload(label: string, edits: IssueEdits = {}): Payload {
  const payload = editIssue(example("issues", "labeled"), { labels: [label], ...edits });
  payload.label = labelObject(label);
  return payload;
}

export function openedPayload(edits: IssueEdits = {}): Payload {
  return editIssue(example("issues", "opened"), edits);
}

export function botSender(payload: Payload): Payload {
  payload.sender = { ...payload.sender, login: "other-app[bot]", type: "Bot" };
  return payload;
}

/** `issue_comment.created` with the comment's text and author replaced. */
export function commentPayload(
  body: string,
  author = "Codertocat",
  edits: IssueEdits = {},
): Payload {
  const payload = editIssue(example("issue_comment", "created"), edits);
  payload.comment.body = body;
  payload.comment.user = {
    ...payload.comment.user,
    login: author,
    type: author.endsWith("[bot]") ? "Bot" : "User",
  };
  payload.sender = {
    ...payload.sender,
    login: author,
    type: author.endsWith("[bot]") ? "Bot" : "User",
  };
  return payload;
}

export function privateRepo(payload: Payload): Payload {
  payload.repository.private = true;
  return payload;
}

/**
 * The same delivery about a pull request: GitHub sends `issues` and `issue_comment` events for
 * pull requests too, with `issue.pull_request` set. The issue object is the pull request of the
 * `issues.milestoned` example, keeping the payload's labels, title and body.
 */
export function onPullRequest(payload: Payload): Payload {
  const pullRequest = examples
    .find((entry) => entry.name === "issues")
    ?.examples.find((entry) => (entry.issue as Payload | undefined)?.pull_request)?.issue as
    Payload | undefined;
  if (!pullRequest) throw new Error("no issues example about a pull request");
  payload.issue = {
    ...structuredClone(pullRequest),
    labels: payload.issue.labels,
    title: payload.issue.title,
    body: payload.issue.body,
  };
  return payload;
}
