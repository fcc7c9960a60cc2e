import { describe, expect, it } from "vitest";
import { actionItemsIn } from "../../src/core/action-items.js";
import { parseCommands } from "../../src/core/commands/parse.js";
import { decide } from "../../src/core/decide.js";
import type { DomainEvent } from "../../src/core/events.js";
import type { Incident } from "../../src/core/model.js";
import { renderLogIssueBody } from "../../src/core/render/log-issue.js";
import { renderPostMortemBody } from "../../src/core/render/resolution.js";
import { readStateBlock } from "../../src/core/state-block.js";
import { config, human, issue, labeled, NOW, ref, said } from "../helpers/builders.js";

function declared(): Incident {
  return { ...decide(undefined, labeled("severity::1"), config(), NOW).incident!, log: ref(100) };
}

function say(incident: Incident, body: string, at = NOW): Incident {
  const event = said(body, { login: human.login });
  return decide(incident, event, config(), at).incident!;
}

function replies(incident: Incident, body: string): string[] {
  const event = said(body, { login: human.login });
  return decide(incident, event, config(), NOW).actions.flatMap((action) =>
    action.kind === "comment" ? [action.body] : [],
  );
}

describe("what the log learns: impact, impact start and detection, war room, action items", () => {
  it("/impact records who was affected in the log, the timeline and the post-mortem", () => {
    const incident = say(declared(), "/impact 12% of card payments failed for EU customers");
    expect(incident.impact).toBe("12% of card payments failed for EU customers");
    expect(incident.timeline.at(-1)!.text).toBe("Impact recorded");
    expect(renderLogIssueBody(incident, "acme/shop")).toContain(
      "| Impact | 12% of card payments failed for EU customers |",
    );
    const postMortem = renderPostMortemBody(incident, incident.title);
    expect(postMortem).toMatch(/## Impact\n12% of card payments failed for EU customers/);
    expect(replies(declared(), "/impact")).toEqual([
      expect.stringContaining("Usage: `/impact <who is affected"),
    ]);
  });

  it("/timeline takes `impact started` and `detected`: the log and post-mortem show them and the time to detect", () => {
    let incident = say(declared(), "/timeline 13:10 impact started: card declines spike");
    incident = say(incident, "/timeline 13:34 detected by the payments alert");
    const log = renderLogIssueBody(incident, "acme/shop");
    expect(log).toContain("| Impact started | 2026-11-22 13:10 UTC |");
    expect(log).toContain("| Detected (time to detect) | 2026-11-22 13:34 UTC (after 24 min) |");
    expect(renderPostMortemBody(incident, incident.title)).toContain(
      "**Impact started:** 2026-11-22 13:10 UTC · **Detected:** 2026-11-22 13:34 UTC (time to detect 24 min)",
    );
    const plain = say(declared(), "/timeline 13:20 impactful change deployed");
    expect(renderLogIssueBody(plain, "acme/shop")).not.toContain("Impact started");
  });

  it("the war room's link is in the log and the post-mortem", () => {
    const incident = {
      ...declared(),
      warRoom: { name: "2026-11-22-war-room-checkout", url: "https://slack.example/C1" },
    };
    expect(renderLogIssueBody(incident, "acme/shop")).toContain(
      "| War room | [#2026-11-22-war-room-checkout](https://slack.example/C1) |",
    );
    expect(renderPostMortemBody(incident, incident.title)).toContain(
      "**War room:** [#2026-11-22-war-room-checkout](https://slack.example/C1)",
    );
  });

  it("/action links issues as action items, once each; GitLab's references show title and state", () => {
    const incident = say(declared(), "/action #41\n/action acme/platform#7\n/action #41");
    expect(incident.actionItems).toEqual([
      ref(41),
      { platform: "github", repo: "acme/platform", number: 7 },
    ]);
    expect(renderLogIssueBody(incident, "acme/shop")).toContain(
      "## Action items\n\n- #41\n- acme/platform#7",
    );
    expect(renderPostMortemBody(incident, incident.title)).toContain(
      "- [ ] acme/shop#41\n- [ ] acme/platform#7\n- [ ] ",
    );
    const gitlab = {
      ...incident,
      source: { ...incident.source, platform: "gitlab" as const },
      actionItems: [{ platform: "gitlab" as const, repo: "acme/shop", number: 41 }],
    };
    expect(renderLogIssueBody(gitlab, "acme/shop")).toContain("- #41+");
    expect(replies(incident, "/action")).toEqual([
      expect.stringContaining("Usage: `/action #123` (link an issue) or `/action <what to do>`"),
    ]);
    expect(parseCommands("/action group/sub/project#12")[0]).toMatchObject({
      issue: "group/sub/project#12",
    });
  });

  it("the post-mortem ends by asking whether the incident response plan needs a change", () => {
    const body = renderPostMortemBody(declared(), "x");
    const headings = body.split("\n").filter((line) => line.startsWith("## "));
    expect(headings.at(-1)).toBe("## Does the incident response plan need a change?");
  });

  it("a confidential incident logged in another tracker keeps its impact out of it", () => {
    const incident = { ...say(declared(), "/impact EU card holders exposed"), confidential: true };
    const body = renderLogIssueBody(incident, "acme/incidents");
    expect(body).not.toContain("EU card holders");
    const read = readStateBlock(body);
    expect(read.kind === "ok" && read.incident.impact).toBeUndefined();
  });
});

describe("/action <what to do>", () => {
  it("opens an issue labelled as follow-ups are, linked to the incident, without pinging anyone", () => {
    const event: DomainEvent = {
      kind: "comment-created",
      issue: issue({ labels: ["severity::1"] }),
      actor: human,
      comment: {
        id: 901,
        body: "/action Alert on pool usage, ask @kim",
        author: "dana",
        byBot: false,
      },
      permission: "write",
    };
    const decision = decide(declared(), event, config(), NOW);
    const open = decision.actions.find((action) => action.kind === "create-action-item");
    expect(open).toMatchObject({
      kind: "create-action-item",
      repo: "acme/shop",
      labels: config().resolution.followUpLabels,
      confidential: false,
    });
    // A word joiner after `@` keeps the text and breaks the mention.
    expect(open && "title" in open && open.title).toBe(
      "Action item: Alert on pool usage, ask @\u2060kim",
    );
    expect(decision.incident!.timeline.at(-1)!.text).toBe("Action item opened");
    const again = decide(declared(), event, config(), NOW).actions.find(
      (action) => action.kind === "create-action-item",
    );
    expect(again?.key).toBe(open?.key);
    const drill = decide({ ...declared(), drill: true }, event, config(), NOW).actions.find(
      (action) => action.kind === "create-action-item",
    );
    expect(drill && "labels" in drill && drill.labels).toContain(config().drills.label);
  });
});

describe("action items a post-mortem lists", () => {
  it("are the issue references under its action items heading, in order, once each", () => {
    const body = [
      "## Summary",
      "See #3 for the old one.",
      "## Lessons and action items",
      "- [x] #41 alert on pool usage",
      "- [ ] acme/platform#7 (bigger pool)",
      "- [ ] group/sub/project#9+",
      "- [ ] #41 again",
      "- [ ] reread PR#5? no: not a reference",
      "## Does the incident response plan need a change?",
      "Yes, #77",
    ].join("\n");
    expect(actionItemsIn(body, "acme/incidents", "gitlab")).toEqual([
      { platform: "gitlab", repo: "acme/incidents", number: 41 },
      { platform: "gitlab", repo: "acme/platform", number: 7 },
      { platform: "gitlab", repo: "group/sub/project", number: 9 },
    ]);
    expect(actionItemsIn("no headings #4", "a/b", "github")).toEqual([]);
  });
});
