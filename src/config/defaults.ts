/**
 * The seeds' incident process as data (see ../shared/seeds: the incident response plan and the
 * AppSec severity::1 procedure). Paraphrased; names and contacts from the seeds are deliberately
 * absent.
 */

export const DEFAULT_SEVERITY_DEFINITIONS = {
  1: {
    name: "Critical",
    description:
      "An actively exploited security risk, or a site problem with a massive negative impact on the business. Rare; the whole company's top priority.",
    examples: [
      "Someone is actively exploiting a vulnerability",
      "Confidential user data has been exposed",
    ],
  },
  2: {
    name: "High",
    description:
      "A production problem that severely impairs users, or a vulnerability that is likely to be exploited although no exploitation is proven yet.",
    examples: [
      "A critical feature of the site is unreachable and the site is unusable",
      "A backdoor, malware or malicious access to business data is found",
    ],
  },
  3: {
    name: "Medium",
    description:
      "A suspicion or odd behaviour, not verified, with no clear sign of tangible risk; users can work around it.",
    examples: ["Links to advanced search are gone, but the pages still work by direct URL"],
  },
  4: {
    name: "Low",
    description: "A minor oddity handled through standard bug triage.",
    examples: ["The release documentation page cannot be reached"],
  },
};

const INCIDENT_CHECKLIST = [
  "Triage: comment with the summarised reproduction steps (HTTP requests, log lines, screenshots) so responders can judge impact and search logs",
  "Confirm the severity (change it with a severity label if it is wrong)",
  "Engage the component's owners and the on-call; the first responder becomes Incident Lead",
  "Open a war-room channel and post its link where everyone can join",
  "Mitigate: weigh short-term and long-term options (effectiveness, customers affected and how, magnitude, other consequences)",
  "Change control: follow the change process and apply changes in staging first whenever possible",
  "Post status updates regularly",
  "Resolve: say whether the root cause is known; open a follow-up if it is not",
];

export const DEFAULT_CHECKLISTS = {
  1: INCIDENT_CHECKLIST,
  2: INCIDENT_CHECKLIST,
  3: ["Handle through standard bug triage; no emergency response is needed"],
  4: ["Handle through standard bug triage; no emergency response is needed"],
};
