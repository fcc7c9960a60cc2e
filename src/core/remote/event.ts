import type { RemoteAction, RemoteEvent, RemoteOrigin, RemoteUser } from "../events.js";
import type { IssueRef } from "../model.js";

/**
 * A responder's action from a vendor, on the issue `ref`. The vendor names only the issue, so its
 * snapshot is a confidential placeholder (nothing of it is shown) that the pipeline replaces with
 * the forge's own; the actor is the vendor's name for the person until it is mapped.
 */
export function remoteEvent(fields: {
  ref: IssueRef;
  origin: RemoteOrigin;
  id: string;
  user: RemoteUser;
  action: RemoteAction;
  vouched?: boolean;
  replyUrl?: string | undefined;
}): RemoteEvent {
  const { ref, replyUrl, vouched, ...rest } = fields;
  return {
    kind: "remote-action",
    issue: {
      ref,
      title: "",
      body: "",
      labels: [],
      state: "open",
      author: "",
      url: "",
      confidential: true,
    },
    actor: { login: fields.user.name, isBot: false },
    ...rest,
    ...(vouched === undefined ? {} : { vouched }),
    ...(replyUrl ? { replyUrl } : {}),
  };
}
