import { z } from "zod";
import type { Alert, AlertGroup, AlertLink } from "../../core/alerts/types.js";

const Labels = z.record(z.string(), z.string());
const Status = z.enum(["firing", "resolved"]);
/** Alertmanager and Grafana write a zero time (`0001-01-01T00:00:00Z`) for "not ended". */
const Instant = z.string().optional();

const PrometheusAlert = z.object({
  status: Status,
  labels: Labels,
  annotations: Labels.default({}),
  startsAt: Instant,
  endsAt: Instant,
  generatorURL: z.string().optional(),
  fingerprint: z.string().optional(),
  // Grafana adds these.
  silenceURL: z.string().optional(),
  dashboardURL: z.string().optional(),
  panelURL: z.string().optional(),
});

/** Prometheus Alertmanager's webhook JSON, version 4 (its `webhook_config` documentation). */
export const AlertmanagerWebhook = z.object({
  version: z.literal("4"),
  groupKey: z.string().min(1),
  truncatedAlerts: z.number().int().min(0).default(0),
  status: Status,
  receiver: z.string(),
  groupLabels: Labels.default({}),
  commonLabels: Labels.default({}),
  commonAnnotations: Labels.default({}),
  externalURL: z.string().default(""),
  alerts: z.array(PrometheusAlert).min(1).max(1000),
});

/** Grafana alerting's webhook contact point: Alertmanager's shape plus title, state, URLs. */
export const GrafanaWebhook = AlertmanagerWebhook.extend({
  version: z.string(),
  orgId: z.number().optional(),
  title: z.string().default(""),
  state: z.string().optional(),
  message: z.string().optional(),
});

/** sevbot's own small format for anything else (documented in the README). */
export const GenericAlert = z.object({
  key: z.string().min(1).max(200),
  status: Status.default("firing"),
  title: z.string().min(1).max(250),
  severity: z.string().max(50).optional(),
  description: z.string().max(10_000).optional(),
  startsAt: z.iso.datetime({ offset: true }).optional(),
  endsAt: z.iso.datetime({ offset: true }).optional(),
  labels: Labels.default({}),
  links: z
    .array(z.object({ title: z.string().max(100), url: z.url({ protocol: /^https?$/ }) }))
    .max(20)
    .default([]),
});

export type AlertSource = "alertmanager" | "grafana" | "generic";
export const ALERT_SOURCES: readonly AlertSource[] = ["alertmanager", "grafana", "generic"];

export type ParsedAlerts = { ok: true; group: AlertGroup } | { ok: false; problems: string[] };

export function parseAlerts(source: AlertSource, json: unknown): ParsedAlerts {
  const schema =
    source === "alertmanager"
      ? AlertmanagerWebhook
      : source === "grafana"
        ? GrafanaWebhook
        : GenericAlert;
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.error.issues
        .slice(0, 10)
        .map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`),
    };
  return {
    ok: true,
    group:
      source === "generic"
        ? fromGeneric(parsed.data as z.infer<typeof GenericAlert>)
        : fromPrometheus(source, parsed.data as z.infer<typeof GrafanaWebhook>),
  };
}

function fromPrometheus(source: AlertSource, hook: z.infer<typeof GrafanaWebhook>): AlertGroup {
  const alerts = hook.alerts.map(toAlert);
  const common = hook.commonAnnotations;
  const title =
    common.summary ??
    hook.commonLabels.alertname ??
    alerts[0]?.summary ??
    (hook.title || hook.groupKey);
  // No grouping (`{}:{}`): the group is the set of alerts, told apart by their fingerprints.
  const grouped = Object.keys(hook.groupLabels).length > 0;
  const fingerprints = alerts.map((alert) => alert.fingerprint ?? JSON.stringify(alert.labels));
  return {
    source,
    key: grouped
      ? `${hook.receiver}\n${hook.groupKey}`
      : [...new Set(fingerprints)].sort().join(","),
    status: hook.status,
    title,
    labels: hook.commonLabels,
    alerts,
    links: link("Alertmanager", hook.externalURL),
  };
}

function toAlert(alert: z.infer<typeof PrometheusAlert>): Alert {
  const { annotations } = alert;
  return {
    status: alert.status,
    labels: alert.labels,
    ...(annotations.summary ? { summary: annotations.summary } : {}),
    ...(annotations.description ? { description: annotations.description } : {}),
    ...instant("startsAt", alert.startsAt),
    ...instant("endsAt", alert.endsAt),
    ...(alert.fingerprint ? { fingerprint: alert.fingerprint } : {}),
    links: [
      ...link("Runbook", annotations.runbook_url),
      ...link("Dashboard", alert.dashboardURL),
      ...link("Panel", alert.panelURL),
      ...link("Source", alert.generatorURL),
      ...link("Silence", alert.silenceURL),
    ],
  };
}

function fromGeneric(alert: z.infer<typeof GenericAlert>): AlertGroup {
  const labels = { ...alert.labels, ...(alert.severity ? { severity: alert.severity } : {}) };
  return {
    source: "generic",
    key: alert.key,
    status: alert.status,
    title: alert.title,
    labels,
    alerts: [
      {
        status: alert.status,
        labels,
        summary: alert.title,
        ...(alert.description ? { description: alert.description } : {}),
        ...instant("startsAt", alert.startsAt),
        ...instant("endsAt", alert.endsAt),
        links: [],
      },
    ],
    links: alert.links.flatMap((entry) => link(entry.title, entry.url)),
  };
}

function link(name: string, url: string | undefined): AlertLink[] {
  return url && /^https?:\/\//i.test(url) ? [{ name, url }] : [];
}

/** A real instant only: the zero time and unparsable text are left out. */
function instant<K extends string>(name: K, value: string | undefined): Partial<Record<K, string>> {
  const time = value ? Date.parse(value) : NaN;
  if (!Number.isFinite(time) || time <= 0) return {};
  return { [name]: new Date(time).toISOString() } as Partial<Record<K, string>>;
}
