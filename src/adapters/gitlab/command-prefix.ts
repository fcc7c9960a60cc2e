import { COMMAND_NAMES } from "../../core/commands/types.js";

const WRITTEN_COMMAND = new RegExp(`\`/(${COMMAND_NAMES.join("|")})(?=[\\s\`])`, "g");

/**
 * On GitLab, a comment starting `/status` or `/reopen` is GitLab's own quick action, so sevbot's
 * commands are written `/sevbot status` there (docs/gitlab.md). The core writes the same texts for
 * both forges: every command it quotes in a comment (`` `/ack` ``, `` `/sev 1` ``) is shown the
 * GitLab way before the comment is posted, so a reply never teaches a command GitLab would take.
 */
export function withGitlabCommands(body: string): string {
  return body.replace(WRITTEN_COMMAND, "`/sevbot $1");
}
