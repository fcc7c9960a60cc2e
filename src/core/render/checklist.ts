import type { SevbotConfig } from "../../config/schema.js";
import { LOG_LINK } from "../actions.js";
import { mentionAll } from "../mentions.js";
import type { Incident } from "../model.js";
import { isEmptySummary, type ReproSummary } from "../repro.js";
import { codeSpan, severityName } from "./format.js";

export interface ChecklistInput {
  incident: Incident;
  config: SevbotConfig;
  owners: string[];
  repro: ReproSummary;
  /** Component labels the config knows nothing of (`unknownComponents`). */
  unknown?: Array<{ component: string; guess: string | undefined }>;
}

/** The response checklist posted on the source issue when an incident is declared. */
export function renderChecklist(input: ChecklistInput): string {
  const { incident, config, owners, repro } = input;
  const definition = config.severity.definitions[incident.severity];
  const items = config.checklists[incident.severity].map((item) => `- [ ] ${item}`);
  return [
    `## 🚨 ${severityName(incident.severity)} incident declared: ${definition.name}`,
    "",
    `> ${definition.description}`,
    "",
    `**Incident log:** ${LOG_LINK}`,
    renderPeople(
      owners,
      incident.drill
        ? config.oncall.filter((user) => config.drills.participants.includes(user))
        : config.oncall,
    ),
    ...(input.unknown ?? []).map(({ component, guess }) =>
      renderUnknownComponent(config.components.labelPrefix, component, guess),
    ),
    incident.drill
      ? // The blank line ends the quote: Markdown would carry the next line into it otherwise.
        "\n> 🎭 **This is a drill.** Only its participants are notified; it is left out of incident metrics.\n"
      : "",
    "**Incident Lead:** the first responder takes the lead and can pass it on.",
    "",
    "### Response checklist",
    ...items,
    "",
    ...renderRepro(repro),
  ].join("\n");
}

function renderPeople(owners: string[], oncall: string[]): string {
  const parts = [];
  if (owners.length > 0) parts.push(`**Owners:** ${mentionAll(owners)}`);
  if (oncall.length > 0) parts.push(`**On call:** ${mentionAll(oncall)}`);
  if (parts.length === 0)
    return "**Owners:** none configured (set `components.owners` or `oncall` in the sevbot config)";
  return parts.join(" · ");
}

/** A component label the config does not know: its owners, if it has any, were never pinged. */
export function renderUnknownComponent(prefix: string, component: string, guess?: string): string {
  const meant = guess ? ` Did you mean ${codeSpan(prefix + guess)}?` : "";
  return (
    `⚠️ ${codeSpan(prefix + component)} is not among the components in the sevbot config, ` +
    `so nobody was pinged as its owner.${meant}`
  );
}

function renderRepro(repro: ReproSummary): string[] {
  if (isEmptySummary(repro)) {
    return [
      "### Reproduction steps",
      "_None found in the report yet: add the HTTP requests, log lines and screenshots you have._",
    ];
  }
  const section = (title: string, items: string[]) =>
    items.length === 0 ? [] : [`**${title}**`, ...items.map((item) => `- ${codeSpan(item)}`)];
  return [
    "### Reproduction steps (summarised from the report)",
    ...section("HTTP requests", repro.httpRequests),
    ...section("Log lines", repro.logLines),
    ...section("Screenshots", repro.screenshots),
  ];
}
