import { parseConfigText } from "../../src/config/load.js";
import type { SevbotConfig } from "../../src/config/schema.js";
import type { Incident } from "../../src/core/model.js";
import { readStateBlock } from "../../src/core/state-block.js";
import { CONFIG_PATH, REPO } from "./configs.js";
import type { KnownDefect } from "./known-defects.js";
import { logOf, type World } from "./world.js";

/** What the invariant checks read from the world: sevbot's output and the incidents' states. */
export interface Violation {
  invariant: string;
  message: string;
  /** The issue-12 defect whose symptom this is, when it is one. */
  defect?: KnownDefect;
}

export const MINUTE = 60_000;
export const incidentKey = (source: number) => `github:${REPO}#${source}`;

const parsed = new Map<string | undefined, SevbotConfig>();
export function configOf(text: string | undefined): SevbotConfig {
  let config = parsed.get(text);
  if (!config) parsed.set(text, (config = parseConfigText(text, CONFIG_PATH).config));
  return config;
}

export function stateOf(world: World, source: number): Incident | undefined {
  const log = logOf(world.store, source);
  if (!log) return undefined;
  const read = readStateBlock(log.issue.body ?? "");
  return read.kind === "ok" ? read.incident : undefined;
}

export function botComments(world: World) {
  return [...world.store.repos.values()].flatMap((repo) =>
    repo.comments
      .filter((comment) => comment.user.type === "Bot")
      .map((comment) => ({ repo, comment })),
  );
}

export function botIssues(world: World) {
  return [...world.store.repos.values()].flatMap((repo) =>
    [...repo.issues.values()]
      .filter((issue) => issue.user.type === "Bot")
      .map((issue) => ({ repo, issue })),
  );
}
