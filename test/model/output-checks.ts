import { hasMarker, logIssueMarker, markerKeys } from "../../src/core/markers.js";
import { ACTORS, CONFIGURED, REPO } from "./configs.js";
import { userIssues } from "./steps.js";
import { botComments, botIssues, type Violation } from "./view.js";
import type { World } from "./world.js";

/** Checks on what sevbot wrote to the forge, whatever the incidents' states. */
export function atMostOne(world: World): Violation[] {
  const out: Violation[] = [];
  for (const issue of userIssues(world)) {
    const checklists = world
      .repo(REPO)
      .comments.filter(
        (c) =>
          c.issueNumber === issue.number && c.user.type === "Bot" && hasMarker(c.body, "checklist"),
      ).length;
    const marker = logIssueMarker({ platform: "github", repo: REPO, number: issue.number });
    const found = botIssues(world).filter(({ issue: log }) => (log.body ?? "").includes(marker));
    const logs = found.length;
    // Logs in two repositories: the tracker moved while the declaration was being retried.
    const moved = new Set(found.map(({ repo }) => repo.fullName)).size > 1;
    if (checklists > 1 || logs > 1)
      out.push({
        invariant: "one checklist and one log issue",
        message: `#${issue.number} has ${checklists} checklists and ${logs} log issues`,
        ...(checklists <= 1 && moved ? { defect: "tracker-moved" as const } : {}),
      });
  }
  return out;
}

export function keysOnce(world: World): Violation[] {
  const out: Violation[] = [];
  const seen = new Map<string, number>();
  for (const { repo, comment } of botComments(world))
    for (const key of markerKeys(comment.body).filter((key) => key !== "log-ref")) {
      const id = `${repo.fullName}#${comment.issueNumber} ${key}`;
      seen.set(id, (seen.get(id) ?? 0) + 1);
    }
  const repos = new Map<string, Set<string>>();
  for (const { repo, issue } of botIssues(world))
    for (const match of (issue.body ?? "").matchAll(/<!-- sevbot:([\w-]+-for [^>]+?) -->/g)) {
      seen.set(match[1]!, (seen.get(match[1]!) ?? 0) + 1);
      repos.set(match[1]!, (repos.get(match[1]!) ?? new Set()).add(repo.fullName));
    }
  for (const [id, count] of seen)
    if (count > 1)
      out.push({
        invariant: "no comment key written twice",
        message: `${id} written ${count} times`,
        // The same issue opened again in another repository: the tracker moved between attempts.
        ...((repos.get(id)?.size ?? 0) > 1 ? { defect: "tracker-moved" as const } : {}),
      });
  return out;
}

/** Active mentions in Markdown sevbot wrote: not in code, not in HTML comments, not neutralised. */
function mentionsIn(text: string): string[] {
  const visible = text
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/```[\s\S]*?```/g, "")
    .replace(/`[^`\n]*`/g, "");
  return [...visible.matchAll(/(?:^|[^\w`/\u2060])@([A-Za-z0-9][\w-]*(?:\/[\w.-]+)?)/g)].map(
    (match) => match[1]!.toLowerCase(),
  );
}

export function onlyConfiguredMentioned(world: World): Violation[] {
  const allowed = new Set(
    [...CONFIGURED, ...Object.keys(ACTORS)].map((name) => name.toLowerCase()),
  );
  const texts = [
    ...botComments(world).map(({ repo, comment }) => ({
      where: `comment on ${repo.fullName}#${comment.issueNumber}`,
      text: comment.body,
    })),
    ...botIssues(world).map(({ repo, issue }) => ({
      where: `issue ${repo.fullName}#${issue.number}`,
      text: `${issue.title}\n${issue.body ?? ""}`,
    })),
  ];
  return texts.flatMap(({ where, text }) =>
    mentionsIn(text)
      .filter((name) => !allowed.has(name))
      .map((name) => ({
        invariant: "only configured people are mentioned",
        message: `@${name} mentioned in ${where}`,
      })),
  );
}

export function noStackTrace(world: World): Violation[] {
  return botComments(world)
    .filter(({ comment }) => /\n\s+at .+:\d+:\d+\)?/.test(comment.body))
    .map(({ repo, comment }) => ({
      invariant: "no stack trace reaches a user",
      message: `stack trace in a comment on ${repo.fullName}#${comment.issueNumber}`,
    }));
}
