import { neutralizeMentions } from "../mentions.js";
import type { IssueRef } from "../model.js";
import type { SimilarMatch } from "../similar/rank.js";
import { codeSpan, formatDuration, issueLink, severityName } from "./format.js";

const MAX_TEXT = 200;

function short(text: string): string {
  const flat = neutralizeMentions(text).replace(/\s+/g, " ").replace(/\|/g, "\\|").trim();
  return flat.length > MAX_TEXT ? `${flat.slice(0, MAX_TEXT - 1)}…` : flat;
}

function outcome(match: SimilarMatch): string {
  const { incident } = match;
  if (incident.resolvedAt)
    return `resolved in ${formatDuration(incident.declaredAt, incident.resolvedAt)}`;
  return incident.status === "mitigated" ? "mitigated, not resolved yet" : "still open";
}

function learned(match: SimilarMatch): string[] {
  const { incident } = match;
  const rootCause = incident.rootCause?.known
    ? short(incident.rootCause.text ?? "identified")
    : incident.rootCause
      ? "unknown"
      : undefined;
  return [
    rootCause ? `root cause: ${rootCause}` : "",
    incident.mitigationDecision ? `mitigation chosen: ${short(incident.mitigationDecision)}` : "",
    incident.resolutionSummary ? `resolution: ${short(incident.resolutionSummary)}` : "",
  ].filter((part) => part !== "");
}

function why(match: SimilarMatch): string {
  const { components, signature, terms } = match.why;
  return [
    components.length ? `same component ${components.map(codeSpan).join(", ")}` : "",
    signature.length ? `same error ${signature.map((key) => codeSpan(key)).join(", ")}` : "",
    terms.length ? `shared words ${terms.join(", ")}` : "",
  ]
    .filter((part) => part !== "")
    .join("; ");
}

function links(match: SimilarMatch, from: IssueRef): string {
  const postMortem = match.incident.links.postMortem;
  return [
    `log ${issueLink(match.log, from)}`,
    postMortem ? `post-mortem ${issueLink(postMortem, from)}` : "",
  ]
    .filter((part) => part !== "")
    .join(", ");
}

/** The comment listing past incidents like this one (issue 15); `from` is where it is posted. */
export function renderSimilar(matches: SimilarMatch[], from: IssueRef): string {
  if (matches.length === 0)
    return [
      "### 🔎 Similar past incidents",
      "",
      "None close enough in the incident log: nothing shares this report's error signature or enough of its rarer words.",
    ].join("\n");
  const items = matches.flatMap((match, index) => {
    const { incident } = match;
    const facts = learned(match);
    return [
      `${index + 1}. **${short(incident.title)}** (${links(match, from)}) · ${severityName(incident.severity)} · ${incident.declaredAt.slice(0, 10)} · ${outcome(match)}`,
      ...(facts.length ? [`   - ${facts.join(" · ")}`] : []),
      `   - why: ${why(match)}`,
    ];
  });
  return [
    "### 🔎 Similar past incidents",
    "",
    "From the incident log, the most alike first; their logs say what was learned:",
    "",
    ...items,
    "",
    "_Reply `/similar` to search again once the report is filled in._",
  ].join("\n");
}
