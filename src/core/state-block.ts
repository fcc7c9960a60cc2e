import { z } from "zod";
import type { Incident } from "./model.js";

/**
 * The incident's machine-readable state, kept in the log issue body as a hidden, versioned block:
 *
 *   <!-- sevbot:state v1
 *   {...json...}
 *   -->
 *
 * `--` never appears inside (it would end the HTML comment early), so the second `-` of a pair is
 * escaped; so is `@`.
 */
export const STATE_VERSION = 1;

const IssueRefSchema = z.object({
  platform: z.enum(["github", "gitlab"]),
  repo: z.string().min(1),
  number: z.number().int().positive(),
});

const Instant = z.iso.datetime({ offset: true });

export const IncidentState = z.object({
  source: IssueRefSchema,
  log: IssueRefSchema.optional(),
  title: z.string(),
  severity: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  status: z.enum(["declared", "acknowledged", "mitigated", "resolved"]),
  declaredAt: Instant,
  declaredBy: z.string().optional(),
  acknowledgedAt: Instant.optional(),
  acknowledgedBy: z.string().optional(),
  mitigatedAt: Instant.optional(),
  resolvedAt: Instant.optional(),
  lead: z.string().optional(),
  rootCause: z.object({ known: z.boolean(), text: z.string().optional() }).optional(),
  resolutionSummary: z.string().optional(),
  confidential: z.boolean(),
  links: z
    .object({
      followUp: IssueRefSchema.optional(),
      postMortem: IssueRefSchema.optional(),
      securityRelease: IssueRefSchema.optional(),
    })
    .default({}),
  security: z.boolean().optional(),
  drill: z.boolean().optional(),
  warRoom: z.object({ name: z.string(), url: z.string(), id: z.string().optional() }).optional(),
  paged: z.boolean().optional(),
  escalationStartedAt: Instant.optional(),
  escalationTiming: z
    .object({ policy: z.string(), since: Instant, epoch: z.number().int().min(0).optional() })
    .optional(),
  components: z.array(z.string()).optional(),
  url: z.string().optional(),
  statusOverdue: z.boolean().optional(),
  lastStatusAt: Instant.optional(),
  statusCadenceFrom: Instant.optional(),
  pendingHandoff: z.object({ from: z.string(), to: z.string(), at: Instant }).optional(),
  mitigationDecision: z.string().optional(),
  postMortemDue: z.string().optional(),
  signature: z.array(z.string()).optional(),
  terms: z.array(z.string()).optional(),
  impact: z.string().optional(),
  actionItems: z.array(IssueRefSchema).optional(),
  provisionalConfig: z.boolean().optional(),
  timeline: z.array(z.object({ at: Instant, text: z.string(), actor: z.string().optional() })),
  done: z.array(z.string()),
});

const BLOCK = /<!-- sevbot:state v(\d+)\n([\s\S]*?)\n-->/;

/** The log's own reference is where the block lives, so it is not stored inside it. */
export function renderStateBlock(incident: Incident): string {
  const { log: _log, ...stored } = incident;
  // `@` is escaped too: a hidden block must not ping anyone named in a title, even in raw text.
  const json = JSON.stringify(stored, sortedKeys)
    .replace(/--/g, "-\\u002d")
    .replace(/@/g, "\\u0040");
  return `<!-- sevbot:state v${STATE_VERSION}\n${json}\n-->`;
}

/** Keys in a fixed order, so the same state always renders the same text (no needless writes). */
function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}

export type StateReadResult =
  { kind: "ok"; incident: Incident } | { kind: "missing" } | { kind: "corrupt"; reason: string };

/** Reads the state block out of a log issue body. Never throws: corrupt input says why. */
export function readStateBlock(body: string): StateReadResult {
  const match = BLOCK.exec(body);
  if (!match)
    return body.includes("<!-- sevbot:state")
      ? corrupt("the state block is not closed")
      : { kind: "missing" };
  const version = Number(match[1]);
  if (version !== STATE_VERSION)
    return corrupt(`unknown state version v${version} (this sevbot reads v${STATE_VERSION})`);
  let json: unknown;
  try {
    json = JSON.parse(match[2]!);
  } catch (error) {
    return corrupt(`the state block is not valid JSON (${(error as Error).message})`);
  }
  const parsed = IncidentState.safeParse(json);
  if (!parsed.success) return corrupt(describeIssues(parsed.error));
  return { kind: "ok", incident: parsed.data as Incident };
}

function corrupt(reason: string): StateReadResult {
  return { kind: "corrupt", reason };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}

/** Replaces (or appends) the state block in a body, leaving the human-readable part alone. */
export function withStateBlock(body: string, incident: Incident): string {
  const block = renderStateBlock(incident);
  const start = body.indexOf("<!-- sevbot:state");
  if (start === -1) return `${body.trimEnd()}\n\n${block}\n`;
  const end = body.indexOf("-->", start);
  const tail = end === -1 ? "" : body.slice(end + 3);
  return `${body.slice(0, start)}${block}${tail}`;
}
