/** `sevbot tick --help` (a module of its own: `sevbot help tick` loads no adapter). */
export const TICK_USAGE = `Usage: sevbot tick <owner/repo> [--token T] [--api URL]
       sevbot tick <group/project> --gitlab URL [--token T]

One scheduler pass, then exit: escalations of unacknowledged incidents, status-update reminders,
hand-over timeouts, post-mortem, follow-up and drill reminders, for the incidents whose logs are
in the tracker that the repository's config names (or in the repository itself). For cron, a
GitLab scheduled pipeline or a Kubernetes CronJob. Safe beside a running server or another pass:
what was done is recorded in each incident's log, so nothing is done twice.

  --token T     GitHub: GITHUB_TOKEN otherwise; GitLab: GITLAB_TOKEN (api scope) otherwise
  --api URL     GitHub's API (GITHUB_API_URL, else https://api.github.com; GHES: https://host/api/v3)
  --gitlab URL  a GitLab instance (GITLAB_URL, else https://gitlab.com)
Notifiers (SLACK_WEBHOOK_URL, PAGERDUTY_ROUTING_KEY, ...) are read from the environment as by
the server: set them, or escalation pages go nowhere. Exit code 1 when part of the pass failed.`;
