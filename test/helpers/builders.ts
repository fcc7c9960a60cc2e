import { defaultConfig } from "../../src/config/load.js";
import type { SevbotConfig } from "../../src/config/schema.js";
import type { Actor, DomainEvent, IssueSnapshot } from "../../src/core/events.js";
import type { IssueRef, Permission } from "../../src/core/model.js";

/** Plain-value builders for core tests: no mocks, just data. */
export const REPO = "acme/shop";

export function ref(number = 7, repo = REPO): IssueRef {
  return { platform: "github", repo, number };
}

export function issue(overrides: Partial<IssueSnapshot> = {}): IssueSnapshot {
  return {
    ref: ref(),
    title: "Checkout returns 500 for every card payment",
    body: "Steps:\n\n```\ncurl -X POST https://shop.example/api/checkout\n2026-11-22T13:02:11Z ERROR payment gateway timeout\n```\n\n![screenshot](https://img.example/500.png)",
    labels: [],
    state: "open",
    author: "reporter",
    url: "https://github.example/acme/shop/issues/7",
    confidential: false,
    ...overrides,
  };
}

export const human: Actor = { login: "dana", isBot: false };
export const bot: Actor = { login: "sevbot[bot]", isBot: true };

export function labeled(
  label: string,
  labels: string[] = [label],
  actor: Actor = human,
): DomainEvent {
  return { kind: "issue-labeled", issue: issue({ labels }), actor, label };
}

let lastCommentId = 500;

/**
 * A person's comment on the issue (Sev-1 unless `labels` say otherwise), with write permission;
 * each gets a new id unless `id` is given.
 */
export function said(
  body: string,
  options: { login?: string; id?: number; labels?: string[]; permission?: Permission } = {},
): DomainEvent {
  const login = options.login ?? "lee";
  return {
    kind: "comment-created",
    issue: issue({ labels: options.labels ?? ["severity::1"] }),
    actor: { login, isBot: false },
    comment: { id: options.id ?? ++lastCommentId, body, author: login, byBot: false },
    permission: options.permission ?? "write",
  };
}

/** The scheduler's tick on the issue, labelled `labels`. */
export function schedulerTick(labels: string[] = []): DomainEvent {
  return {
    kind: "tick",
    issue: issue({ labels }),
    actor: { login: "sevbot-scheduler", isBot: false },
  };
}

export function config(overrides: Partial<Record<keyof SevbotConfig, unknown>> = {}): SevbotConfig {
  return { ...defaultConfig(), ...overrides } as SevbotConfig;
}

export const NOW = new Date("2026-11-22T14:00:00.000Z");

type Sev1Policy = SevbotConfig["escalation"]["policies"][1];

/** `base` (the defaults) with Sev-1's escalation policy changed: `policy`'s fields over its own. */
export function withSev1Policy(
  policy: Partial<Sev1Policy>,
  base: SevbotConfig = config(),
): SevbotConfig {
  const { policies } = base.escalation;
  return {
    ...base,
    escalation: { ...base.escalation, policies: { ...policies, 1: { ...policies[1], ...policy } } },
  };
}
