import { SettingsError } from "../config/settings-error.js";
import { statusOf } from "../app/http-status.js";
import type { Platform, Remote } from "./remote.js";

/** Where a remote is and how a user points the CLI elsewhere or authenticates. */
export interface RemoteTarget {
  platform: Platform;
  url: string;
}

const NETWORK_CODES = new Set([
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
]);

/**
 * Every call to the forge answers with data or one line that says what went wrong, naming the
 * host and the flag that changes it: no stack trace reaches the user (the CLI prints a
 * SettingsError's message alone).
 */
export function guardRemote(remote: Remote, target: RemoteTarget): Remote {
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await call(...args);
      } catch (error) {
        throw new SettingsError(remoteFailure(error, target));
      }
    };
  return {
    ...remote,
    forge: { getIssue: guard(remote.forge.getIssue) },
    readConfig: guard(remote.readConfig),
    listIssues: guard(remote.listIssues),
    listLabels: guard(remote.listLabels),
    createLabel: guard(remote.createLabel),
    updateLabel: guard(remote.updateLabel),
  };
}

export function remoteFailure(error: unknown, { platform, url }: RemoteTarget): string {
  const host = hostOf(url);
  const flag = platform === "github" ? "--api URL" : "--gitlab URL";
  const network = networkCode(error);
  if (network)
    return `cannot reach ${host} (${network}): check the network, or pass ${flag} to use another ${platform === "github" ? "GitHub (Enterprise: https://HOST/api/v3)" : "GitLab instance"}.`;
  const status = statusOf(error);
  const words = firstLine(error);
  const tokenVariable = platform === "github" ? "GITHUB_TOKEN" : "GITLAB_TOKEN";
  if (status === 401)
    return `${host} refused the token (401 ${words}): pass --token T or set ${tokenVariable}.`;
  if (status === 403)
    return `${host} answered 403 (${words}): the token lacks access to this, or a rate limit was hit.`;
  if (status === 404)
    return `${host} answered 404 (${words}): check the repository name and that the token can see it (--token T or ${tokenVariable}).`;
  if (status !== undefined && Number.isFinite(status))
    return `${host} answered ${status}: ${words}`;
  return `${host}: ${words}`;
}

function networkCode(error: unknown): string | undefined {
  // Octokit reports a request that got no answer at all as a 500 without a response.
  const { status, response, message } = error as {
    status?: unknown;
    response?: unknown;
    message?: unknown;
  };
  const noAnswer = status === 500 && response === undefined && typeof message === "string";
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { code, cause, message } = current as {
      code?: unknown;
      cause?: unknown;
      message?: unknown;
    };
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
    if (
      !cause &&
      typeof message === "string" &&
      /fetch failed|network|socket hang up/i.test(message)
    )
      return message;
    current = cause;
  }
  return noAnswer ? (message as string) : undefined;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split("\n")[0] ?? "";
}
