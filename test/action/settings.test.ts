import { describe, expect, it } from "vitest";
import { readActionSettings } from "../../src/action/settings.js";
import { SettingsError } from "../../src/config/settings-error.js";

/** What a runner sets for `uses: sevbot` with the inputs left at their defaults. */
const RUNNER = {
  GITHUB_EVENT_NAME: "issues",
  GITHUB_EVENT_PATH: "/home/runner/work/_temp/_github_workflow/event.json",
  GITHUB_REPOSITORY: "acme/shop",
  GITHUB_API_URL: "https://api.github.com",
  "INPUT_GITHUB-TOKEN": "ghs_x",
  "INPUT_TRACKER-TOKEN": "",
  "INPUT_CONFIG-PATH": ".github/sevbot.yml",
};

describe("the Action's settings", () => {
  it("reads the event, the repository and the inputs; an empty input is not given", () => {
    expect(readActionSettings(RUNNER)).toMatchObject({
      eventName: "issues",
      repository: "acme/shop",
      apiUrl: "https://api.github.com",
      token: "ghs_x",
      configPath: ".github/sevbot.yml",
      writeIntervalMs: 1000,
      notifiers: {},
    });
    expect(readActionSettings(RUNNER).trackerToken).toBeUndefined();
    expect(
      readActionSettings({ ...RUNNER, "INPUT_TRACKER-TOKEN": "ghs_t", "INPUT_CONFIG-PATH": "" }),
    ).toMatchObject({ trackerToken: "ghs_t", configPath: ".github/sevbot.yml" });
  });

  it("outside a workflow, or without a token, says what is missing", () => {
    expect(() => readActionSettings({})).toThrow(SettingsError);
    expect(() => readActionSettings({})).toThrow(
      /GITHUB_EVENT_NAME is not set: sevbot runs as a step of a GitHub Actions workflow/,
    );
    expect(() => readActionSettings({ ...RUNNER, "INPUT_GITHUB-TOKEN": "" })).toThrow(
      /github-token input\) is empty/,
    );
    expect(() => readActionSettings({ ...RUNNER, GITHUB_REPOSITORY: "shop" })).toThrow(
      /GITHUB_REPOSITORY must be owner\/repo/,
    );
  });

  it("notifiers come from the step's env, as on the server", () => {
    const settings = readActionSettings({
      ...RUNNER,
      SLACK_WEBHOOK_URL: "https://hooks.slack.test/T/B/x",
      PAGERDUTY_ROUTING_KEY: "R0UT1NG",
    });
    expect(settings.notifiers).toEqual({
      slackWebhookUrl: "https://hooks.slack.test/T/B/x",
      pagerDutyRoutingKey: "R0UT1NG",
    });
  });
});
