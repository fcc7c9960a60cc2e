import { ProbotOctokit } from "probot";
import { createSevbotOctokit } from "../adapters/github/octokit.js";
import { startSandbox } from "../sandbox/index.js";

export interface RequestOverhead {
  fetchMs: number;
  sevbotMs: number;
  probotMs: number;
}

/**
 * What sevbot's Octokit stack (throttling, retries, ETags) adds to one GitHub read, against plain
 * fetch of the same URL and against Probot's stock Octokit, one request at a time on loopback.
 */
export async function measureRequestOverhead(requests = 200): Promise<RequestOverhead> {
  const sandbox = await startSandbox({ webhookSecret: "bench" });
  try {
    sandbox.createRepo("acme/bench", {});
    const number = await sandbox.openIssue("acme/bench", {
      as: "reporter",
      title: "Bench",
      body: "",
    });
    const base = `http://${sandbox.gheHost}/api/v3`;
    const Sevbot = createSevbotOctokit({ writeIntervalMs: 0 });
    const sevbot = new Sevbot({ auth: "ghs_bench", baseUrl: base } as ConstructorParameters<
      typeof Sevbot
    >[0]);
    const probot = new ProbotOctokit({ auth: { token: "ghs_bench" }, baseUrl: base });
    const read = { owner: "acme", repo: "bench", issue_number: number };
    const each = async (call: () => Promise<unknown>) => {
      await call();
      const started = performance.now();
      for (let index = 0; index < requests; index++) await call();
      return (performance.now() - started) / requests;
    };
    return {
      fetchMs: await each(async () =>
        (
          await fetch(`${base}/repos/acme/bench/issues/${number}`, {
            headers: { authorization: "token ghs_bench" },
          })
        ).text(),
      ),
      sevbotMs: await each(() =>
        sevbot.request("GET /repos/{owner}/{repo}/issues/{issue_number}", read),
      ),
      probotMs: await each(() =>
        probot.request("GET /repos/{owner}/{repo}/issues/{issue_number}", read),
      ),
    };
  } finally {
    await sandbox.close();
  }
}
