/** One alert of a group, whatever tool sent it. */
export interface Alert {
  status: "firing" | "resolved";
  labels: Record<string, string>;
  summary?: string;
  description?: string;
  /** ISO instants; `endsAt` only once resolved. */
  startsAt?: string;
  endsAt?: string;
  fingerprint?: string;
  links: AlertLink[];
}

export interface AlertLink {
  name: string;
  url: string;
}

/**
 * A group of alerts as monitoring sends it (Alertmanager, Grafana, the generic JSON). `key`
 * identifies the group across deliveries: the same key again is the same incident.
 */
export interface AlertGroup {
  source: string;
  key: string;
  status: "firing" | "resolved";
  title: string;
  /** Labels every alert of the group shares. */
  labels: Record<string, string>;
  alerts: Alert[];
  links: AlertLink[];
}
