import { GITLAB_CONFIG_FILE } from "../../src/adapters/gitlab/config-source.js";

/**
 * The config files the model writes to the repository: valid variants a team would write and
 * broken ones a team does write. People are invented; every one of them is "configured".
 */
export const REPO = "acme/shop";
export const TRACKER = "acme/incidents";
/** The architecture meeting's agenda issue: a shared issue no drill may write to. */
export const AGENDA_ISSUE = 1;
/** Read through the Forge port by the GitLab adapter's loader (`loadGitlabConfig`), as GitLab does. */
export const CONFIG_PATH = GITLAB_CONFIG_FILE;

/** Who acts in the sequences, by the permission the forge gives them. */
export const ACTORS = {
  ada: "admin",
  max: "maintain",
  wes: "write",
  tri: "triage",
  rae: "read",
  out: "none",
  /** Configured people act too: a hand-over to quinn is accepted by quinn. */
  pat: "write",
  quinn: "write",
} as const;
export type ActorName = keyof typeof ACTORS;

/** Everyone the config files name: sevbot may mention these (and whoever acted or was named by a permitted command). */
export const CONFIGURED = ["ona", "ann", "fred", "pat", "quinn", "sam", "esc", "dir", "sec", "tia"];

/** Named only in free text (titles, bodies, status texts): mentioning them would ping a stranger. */
export const STRANGERS = ["mallory", "acme/everyone"];

const TEAM = `
oncall: [ona]
components:
  owners:
    api: [ann]
  fallbackOwners: [fred]
rotations:
  - name: primary
    members: [pat, quinn]
    timezone: Europe/Paris
    fallback: sam
drills:
  participants: [wes, pat]
mitigation:
  notify: [dir]
security:
  engage: [sec]
reports:
  triage: [tia]
resolution:
  architectureMeetingIssue: "${REPO}#${AGENDA_ISSUE}"
escalation:
  policies:
    1:
      steps:
        - after: 0
          notify: { channels: ["#incidents"], everyone: true, oncall: true, page: true }
        - after: 10
          notify: { users: [esc], page: true }
      repeatEvery: 5
      maxRepeats: 3
    2:
      steps:
        - after: 0
          notify: { channels: ["#incidents"], oncall: true }
      repeatEvery: 15
      maxRepeats: 2
  statusEvery: { 1: 10, 2: 30 }
  handoffTimeout: 15
notifications:
  slackUsers: { esc: U0ESC0001 }
`;

export const CONFIG_VARIANTS = {
  /** No file: the built-in defaults. */
  none: undefined,
  team: TEAM,
  /** Incident logs in another repository. */
  tracker: `${TEAM}tracker:\n  repository: ${TRACKER}\n`,
  /** Sev-3 is an incident too, and nobody is paged. */
  quiet: `severity:\n  incidents: [1, 2, 3]\noncall: [ona]\nescalation:\n  policies:\n    1:\n      steps: [{ after: 0, notify: { channels: ["#incidents"] } }]\n      repeatEvery: 30\n      maxRepeats: 1\n`,
  /** Broken: not YAML at all. */
  invalidYaml: "oncall: [ona\nescalation: {\n",
  /** Broken: a timezone that does not exist. */
  badTimezone: TEAM.replace("Europe/Paris", "Europe/Pariss"),
  /** Broken: a setting that does not exist and a value of the wrong type. */
  wrongTypes: `${TEAM}bogus: 1\n`.replace(
    "statusEvery: { 1: 10, 2: 30 }",
    'statusEvery: { 1: "ten" }',
  ),
} as const;

export type ConfigVariant = keyof typeof CONFIG_VARIANTS;
export const CONFIG_NAMES = Object.keys(CONFIG_VARIANTS) as ConfigVariant[];
