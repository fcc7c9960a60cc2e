import { z } from "zod";

/**
 * A scenario is data: the demo plays one, drills and end-to-end tests reuse them. Issues are
 * referred to by the order they were opened in (1 = the first issue the scenario opened).
 */
const Who = z.object({ as: z.string().min(1) });
const Target = Who.extend({ issue: z.number().int().positive().default(1) });

export const ScenarioStep = z.union([
  z.object({ say: z.string() }).strict(),
  /** Let simulated minutes pass (escalations and reminders fire meanwhile). */
  z
    .object({
      wait: z
        .number()
        .positive()
        .max(24 * 60),
    })
    .strict(),
  z
    .object({
      open: Who.extend({
        title: z.string().min(1),
        body: z.string().default(""),
        labels: z.array(z.string()).default([]),
      }),
    })
    .strict(),
  z.object({ label: Target.extend({ add: z.array(z.string()).min(1) }) }).strict(),
  z.object({ unlabel: Target.extend({ remove: z.string().min(1) }) }).strict(),
  z.object({ comment: Target.extend({ body: z.string().min(1) }) }).strict(),
  /** PagerDuty tells sevbot that its page was acknowledged (or resolved) by this PagerDuty user. */
  z
    .object({
      pagerduty: Target.extend({
        event: z.enum(["acknowledged", "resolved"]),
        /** The PagerDuty user id (`notifications.pagerdutyUsers`). */
        user: z.string().regex(/^P[A-Z0-9]{5,}$/),
      }),
    })
    .strict(),
  z.object({ close: Target }).strict(),
  z.object({ reopen: Target }).strict(),
]);

export const Scenario = z
  .object({
    name: z.string().min(1),
    description: z.string().default(""),
    repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
    private: z.boolean().default(false),
    collaborators: z
      .record(z.string(), z.enum(["admin", "maintain", "write", "triage", "read"]))
      .default({}),
    /** Contents of `.github/sevbot.yml` in the scenario's repository. */
    config: z.string().optional(),
    steps: z.array(ScenarioStep).min(1),
  })
  .strict();

export type Scenario = z.infer<typeof Scenario>;
export type ScenarioStep = z.infer<typeof ScenarioStep>;
