// The `notifications` section: how people are reached outside the forge.
import { z } from "zod";
import { builtIn } from "../defaults.js";
import { UserName } from "./shared.js";

/** A Slack member id (`U…` or `W…`), as shown under the profile's "Copy member ID". */
const SlackMemberId = z
  .string()
  .regex(/^[UW][A-Z0-9]{2,}$/, "must be a Slack member id such as U0123ABCD");

const UserNameKey = z
  .string()
  .regex(/^@?[A-Za-z0-9][A-Za-z0-9_.-]*$/, "must be a user name such as lee");

export const NotificationsConfig = z
  .object({
    /**
     * Slack member id per forge user name, e.g. `lee: U0123ABCD`. Escalation contacts and the
     * on-call are forge users; Slack can only message them directly by member id. People without
     * an entry are named in the channel message instead.
     */
    slackUsers: z
      .record(
        z.string().regex(/^@?[A-Za-z0-9][A-Za-z0-9_.-]*$/, "must be a user name such as lee"),
        SlackMemberId,
      )
      .prefault(builtIn("notifications.slackUsers"))
      .describe(
        "Slack member id per user name (e.g. lee: U0123ABCD), for direct messages; people without one are named in the channel message.",
      ),
    /** E-mail address per forge user name, e.g. `lee: lee@example.com`: `/page @lee` writes there too. */
    emails: z
      .record(UserNameKey, z.string().email())
      .default({})
      .describe("E-mail address per user name, for /page."),
    /** Named groups for `/page team-name`, e.g. `database: [lee, kim]`. */
    teams: z
      .record(
        z.string().regex(/^[A-Za-z0-9][\w.-]*$/, "must be a team name such as database"),
        z.array(UserName).min(1),
      )
      .default({})
      .describe("Named groups of users for /page team-name."),
    /**
     * PagerDuty user id per forge user name, e.g. `lee: PLH1HKV`: an acknowledgement in PagerDuty
     * acts as that user (permission checked as for a comment); other agents are named as
     * PagerDuty shows them.
     */
    pagerdutyUsers: z
      .record(
        z.string().regex(/^@?[A-Za-z0-9][A-Za-z0-9_.-]*$/, "must be a user name such as lee"),
        z.string().regex(/^P[A-Z0-9]{5,}$/, "must be a PagerDuty user id such as PLH1HKV"),
      )
      .default({})
      .describe(
        "PagerDuty user id per user name (e.g. lee: PLH1HKV): acknowledgements in PagerDuty act as that user.",
      ),
  })
  .strict();
