import nodemailer from "nodemailer";
import { notificationTag } from "../../core/notification.js";
import type { Notifier } from "../../ports/notifier.js";
import { NotifyError } from "./http.js";

export interface EmailOptions {
  /** e.g. smtp://user:pass@mail.example.com:587 */
  url: string;
  from: string;
}

/** E-mail over SMTP (nodemailer): to the notification's addresses, nothing when there are none. */
export function createEmailNotifier(options: EmailOptions): Notifier {
  const transport = nodemailer.createTransport(options.url);
  return {
    name: "email",
    // A drill e-mails nobody: addresses are shared inboxes and lists as often as people.
    handles: (notification) => notification.targets.emails.length > 0 && !notification.drill,
    async send(notification) {
      if (notification.targets.emails.length === 0 || notification.drill) return;
      try {
        await transport.sendMail({
          from: options.from,
          to: notification.targets.emails,
          subject: `[${notificationTag(notification)}] ${notification.title}`,
          text: `${notification.text}\n\n${notification.url}`,
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode ?? 0;
        throw new NotifyError(
          `smtp: ${(error as Error).message}`,
          code === 0 || (code >= 400 && code < 500),
        );
      }
    },
  };
}
