import { readFileSync } from "node:fs";
import { parseConfigText } from "../config/load.js";
import type { SevbotConfig } from "../config/schema.js";
import { addressesEveryone } from "../core/audience.js";
import { closestWord } from "../core/closest-word.js";
import { escalationPlan, type PlannedEscalation } from "../core/escalation.js";
import type { Severity } from "../core/model.js";
import { onCallNow, rotationFor } from "../core/oncall.js";
import { configuredComponents, ownersFor } from "../core/owners.js";
import { isSeverity } from "../core/severity.js";
import { localConfigFile } from "./config-file.js";
import { parseFlags } from "./flags.js";

/**
 * `sevbot simulate --severity 1 [--component api] [--config file] [--at ISO]`: the escalation
 * plan as a timeline — who is notified, where, at which minute — and who is on call now.
 */
export function runSimulate(args: string[], out: (line: string) => void = console.log): number {
  const flags = parseFlags(args, ["severity", "component", "config", "at"]);
  const severity = Number(flags.severity ?? "1");
  if (!isSeverity(severity)) {
    out("--severity must be 1, 2, 3 or 4");
    return 2;
  }
  const at = flags.at ? new Date(flags.at) : new Date();
  if (Number.isNaN(at.getTime())) {
    out(`--at must be an ISO time such as 2026-11-22T14:00:00Z, not "${flags.at}"`);
    return 2;
  }
  const file = flags.config ?? localConfigFile();
  const text = readIfExists(file);
  if (text === undefined && flags.config) {
    out(`Cannot read ${file}: no such file (or not readable).`);
    return 2;
  }
  const { config, error } = parseConfigText(text, file);
  if (error) out(`${error}\n`);
  for (const line of simulationLines(
    config,
    severity,
    flags.component ? [flags.component] : [],
    at,
  ))
    out(line);
  return 0;
}

function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

export function simulationLines(
  config: SevbotConfig,
  severity: Severity,
  components: string[],
  at: Date,
): string[] {
  const rotation = rotationFor(config, components);
  const onCall = rotation ? onCallNow(rotation, at) : undefined;
  const lines = [
    `Sev-${severity} escalation plan${components.length ? ` for component ${components.join(", ")}` : ""}, declared at ${at.toISOString()}`,
    onCall
      ? `On call now in ${onCall.rotation}: ${onCall.user ?? "nobody"}${onCall.notes.length ? ` (${onCall.notes.join("; ")})` : ""}`
      : "On call now: no rotation configured",
    ...components.map((component) => componentLine(config, component)),
    "",
  ];
  const policy = config.escalation.policies[severity];
  const plan = escalationPlan(policy, at.toISOString(), { fallback: rotation?.fallback });
  if (plan.length === 0) return [...lines, "No paging: handled through standard triage."];
  for (const entry of plan) lines.push(describe(entry, at, onCall?.user, config));
  const last = plan.at(-1)!;
  lines.push(
    "",
    last.nextInMinutes
      ? `Then every ${last.nextInMinutes} min as the last line, until someone replies /ack (or the incident is resolved).`
      : "Stops after the last step (repeatEvery: 0): nobody is paged again. /ack or resolving stops it earlier.",
  );
  return lines;
}

function describe(
  entry: PlannedEscalation,
  start: Date,
  onCall: string | undefined,
  config: SevbotConfig,
): string {
  const minute = Math.round((Date.parse(entry.at) - start.getTime()) / 60_000);
  const where: string[] = [];
  const { notify } = entry;
  if (notify.channels.length)
    where.push(`${addressesEveryone(notify) ? "@channel in " : ""}${notify.channels.join(", ")}`);
  if (notify.users.length) where.push(`direct messages to ${notify.users.join(", ")}`);
  if (notify.oncall)
    where.push(
      `on-call ${[onCall, ...config.oncall].filter(Boolean).join(", ") || "(none configured)"}`,
    );
  if (notify.emails.length) where.push(`e-mail ${notify.emails.join(", ")}`);
  if (notify.page) where.push("PagerDuty page");
  const why = entry.level ? " (repeats used up)" : "";
  return `+${String(minute).padStart(3)} min  ${entry.label.padEnd(10)} ${where.join("; ") || "nobody"}${why}`;
}

/**
 * Who a `component::…` label pings, as the checklist would; a component the config does not
 * know is said, with a guess, since a typo there means its owners are never pinged.
 */
function componentLine(config: SevbotConfig, component: string): string {
  const pinged = ownersFor([`${config.components.labelPrefix}${component}`], config);
  const who = pinged.length > 0 ? pinged.map((login) => `@${login}`).join(", ") : "nobody";
  const known = configuredComponents(config);
  if (known.includes(component)) return `Owners of ${component}: ${who}`;
  const guess = closestWord(component, known);
  const listed = known.length > 0 ? `known: ${known.join(", ")}` : "none is configured";
  return (
    `Component ${component} is not in components.owners or components.rotations ` +
    `(${guess ? `did you mean ${guess}? ` : ""}${listed}); the fallback owners are pinged: ${who}`
  );
}
