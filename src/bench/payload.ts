import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- GitHub's example, edited in place
type Example = Record<string, any>;
let template: Example | undefined;

/** GitHub's own `issues.labeled` example (about 12 KB), pointed at `repo#number` with `label`. */
export function labeledPayload(repo: string, label = "severity::1", number?: number): string {
  template ??= (
    JSON.parse(
      readFileSync(
        fileURLToPath(
          new URL(
            "../../node_modules/@octokit/webhooks-examples/api.github.com/index.json",
            import.meta.url,
          ),
        ),
        "utf8",
      ),
    ) as Array<{ name: string; examples: Example[] }>
  )
    .find((entry) => entry.name === "issues")!
    .examples.find((entry) => entry.action === "labeled")!;
  const payload = structuredClone(template);
  const [owner = "", name = ""] = repo.split("/");
  payload.repository.full_name = repo;
  payload.repository.name = name;
  payload.repository.owner.login = owner;
  payload.label = { ...payload.label, name: label };
  payload.issue.labels = [payload.label];
  if (number !== undefined) {
    payload.issue.number = number;
    payload.issue.title = `Storm ${number}`;
  }
  payload.installation = { id: 1, node_id: "bench" };
  return JSON.stringify(payload);
}

/** One Prometheus sample summed over its labels (`name` or `name{…}` lines). */
export function metricSum(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== " " && rest[0] !== "{") continue;
    sum += Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return sum;
}
