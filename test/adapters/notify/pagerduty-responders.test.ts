import { afterEach, describe, expect, it } from "vitest";
import { createPagerDutyRespondersNotifier } from "../../../src/adapters/notify/pagerduty-responders.js";
import type { Notification } from "../../../src/core/notification.js";
import { fakeService, type FakeService } from "./fake-service.js";

const page: Notification = {
  key: "notify-page-page-42-3",
  incidentKey: "github:acme/shop#7",
  kind: "page",
  severity: 1,
  title: "Checkout down",
  text: "dana asks you to join this Sev-1 now: the database is on fire.",
  url: "https://github.example/acme/shop/issues/7",
  targets: { channels: [], users: ["lee"], emails: [], page: false, pagerdutyUserIds: ["PLEE001"] },
};

/** `/page @lee` through PagerDuty's REST API: a responder request on sevbot's PagerDuty incident. */
describe("PagerDuty responder requests", () => {
  let service: FakeService;
  afterEach(() => service?.close());

  const notifier = () =>
    createPagerDutyRespondersNotifier({
      token: "pd-rest-key",
      from: "sevbot@example.com",
      requesterId: "PSEVBOT",
      baseUrl: service.url,
    });

  it("finds the open incident by sevbot's dedup_key and asks the paged person to respond", async () => {
    service = await fakeService((request) =>
      request.method === "GET"
        ? { status: 200, body: { incidents: [{ id: "PT4KHLK" }] } }
        : { status: 200, body: { responder_request: {} } },
    );
    await notifier().send(page);
    const [list, post] = service.received;
    expect(list!.path).toBe(
      "/incidents?incident_key=github%3Aacme%2Fshop%237&statuses%5B%5D=triggered&statuses%5B%5D=acknowledged",
    );
    expect(list!.headers.authorization).toBe("Token token=pd-rest-key");
    expect(post).toMatchObject({
      method: "POST",
      path: "/incidents/PT4KHLK/responder_requests",
      headers: { from: "sevbot@example.com", accept: "application/vnd.pagerduty+json;version=2" },
      body: {
        requester_id: "PSEVBOT",
        message: `${page.text} ${page.url}`,
        responder_request_targets: [
          { responder_request_target: { id: "PLEE001", type: "user_reference" } },
        ],
      },
    });
  });

  it("with no open PagerDuty incident it fails, not retried, and says why", async () => {
    service = await fakeService(() => ({ status: 200, body: { incidents: [] } }));
    await expect(notifier().send(page)).rejects.toMatchObject({
      message: expect.stringMatching(/no open PagerDuty incident for github:acme\/shop#7/),
      retryable: false,
    });
  });

  it("handles only pages of people with a PagerDuty id", async () => {
    service = await fakeService(() => ({ status: 500 }));
    const n = notifier();
    expect(n.handles!(page)).toBe(true);
    expect(n.handles!({ ...page, targets: { ...page.targets, pagerdutyUserIds: [] } })).toBe(false);
    expect(n.handles!({ ...page, kind: "status" })).toBe(false);
  });
});
