import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decide } from "../../src/core/decide.js";
import type { DomainEvent, IssueSnapshot } from "../../src/core/events.js";
import type { Incident, IssueRef } from "../../src/core/model.js";
import { summarizeReproduction } from "../../src/core/repro.js";
import { renderLogIssueBody } from "../../src/core/render/log-issue.js";
import { readStateBlock } from "../../src/core/state-block.js";
import { errorSignature, httpRequestKey, normalisePath } from "../../src/core/similar/signature.js";
import { stem, tokenize } from "../../src/core/similar/tokens.js";
import {
  matchFeatures,
  rankSimilar,
  similarComment,
  type SimilarQuery,
} from "../../src/core/similar/index.js";
import { config, human, issue, labeled, NOW, ref } from "../helpers/builders.js";

const TRACKER = "acme/incidents";

function past(
  number: number,
  title: string,
  body: string,
  extra: Partial<Incident> = {},
): { incident: Incident; log: IssueRef } {
  const log: IssueRef = { platform: "github", repo: TRACKER, number: 500 + number };
  const incident: Incident = {
    source: ref(number, "acme/shop"),
    title,
    severity: 2,
    status: "resolved",
    declaredAt: `2025-0${(number % 9) + 1}-10T10:00:00.000Z`,
    resolvedAt: `2025-0${(number % 9) + 1}-10T11:25:00.000Z`,
    confidential: false,
    timeline: [],
    links: {},
    done: [],
    components: [],
    ...matchFeatures(title, body),
    ...extra,
  };
  return { incident: { ...incident, log }, log };
}

/** A log as the tracker lists it: the rendered body with its hidden state. */
function logSnapshot(entry: { incident: Incident; log: IssueRef }): IssueSnapshot {
  return {
    ref: entry.log,
    title: `[SEV-${entry.incident.severity}] ${entry.incident.title}`,
    body: renderLogIssueBody(entry.incident, TRACKER),
    labels: ["incident-log"],
    state: "closed",
    author: "sevbot[bot]",
    url: "",
    confidential: false,
  };
}

function query(title: string, body: string, extra: Partial<SimilarQuery> = {}): SimilarQuery {
  return {
    source: ref(99, "acme/shop"),
    title,
    components: [],
    confidential: false,
    ...matchFeatures(title, body),
    ...extra,
  };
}

/** A small log: distinct failures, as a tracker's history has. */
const HISTORY = [
  past(
    1,
    "Checkout fails with 502 from the payment gateway",
    "POST /api/v2/checkout/88412 HTTP/1.1\n2025-01-10 10:01:02 ERROR [payments-api] 502 Bad Gateway upstream timed out",
    {
      components: ["payments"],
      rootCause: { known: true, text: "gateway connection pool exhausted after a deploy" },
      mitigationDecision: "roll back the deploy",
    },
  ),
  past(
    2,
    "Search results empty after index rebuild",
    "GET /api/search?q=shoes HTTP/1.1\n2025-02-10 09:00:00 WARN [search-indexer] IndexNotFoundException: products_v7",
    { components: ["search"] },
  ),
  past(
    3,
    "Login loops back to the sign-in page",
    "GET /session/new\n2025-03-10 08:00:00 ERROR [auth-service] InvalidCookieException: session cookie too large",
    { components: ["auth"] },
  ),
  past(
    4,
    "Certificate expired on the public API",
    "curl https://api.shop.example/v1/health\n2025-04-10 00:00:01 ERROR SSLHandshakeException: certificate has expired",
    { components: ["edge"] },
  ),
  past(
    5,
    "Disk full on the primary database host",
    "2025-05-10 03:00:00 FATAL [db-primary] could not write to file: No space left on device ENOSPC",
    { components: ["database"] },
  ),
  past(
    6,
    "Emails delayed by a stuck queue worker",
    "2025-06-10 12:00:00 ERROR [mailer] RedisTimeoutError: worker heartbeat lost",
    { components: ["notifications"] },
  ),
];

describe("tokens", () => {
  it("keeps content words, folds endings, drops stop words, numbers and markers", () => {
    expect(
      tokenize("The payments were failing: 502s! <!-- sevbot:x --> https://a.example"),
    ).toEqual(["payment", "fail", "502", "example"]);
    expect(stem("timeouts")).toBe("timeout");
    expect(stem("deployed")).toBe("deploy");
    expect(stem("queries")).toBe("query");
  });
});

describe("error signature", () => {
  it("normalises ids in paths: numbers, UUIDs, long hex, mixed tokens", () => {
    expect(normalisePath("/api/v2/orders/123/items/0f8fad5b-d9cb-469f-a165-70867728950e")).toBe(
      "/api/v2/orders/:id/items/:id",
    );
    expect(normalisePath("/blobs/deadbeefcafe1234/ord-20251101")).toBe("/blobs/:id/:id");
  });

  it("reads the request line of a plain request and of curl", () => {
    expect(httpRequestKey("GET /api/orders/5?x=1 HTTP/1.1")).toBe("http:GET /api/orders/:id");
    expect(httpRequestKey("$ curl -X post https://shop.example/api/cart/77")).toBe(
      "http:POST /api/cart/:id",
    );
    expect(httpRequestKey("curl -sS https://shop.example/health")).toBe("http:GET /health");
  });

  it("takes status codes, exception and errno names and services from log lines", () => {
    const body = [
      "PUT /api/users/42 HTTP/1.1",
      "2026-01-01 10:00:00 ERROR [payments-api] java.lang.NullPointerException at Foo",
      "2026-01-01 10:00:01 WARN service=ledger upstream returned 503 Service Unavailable",
      "2026-01-01 10:00:02 ERROR connect ECONNREFUSED 10.0.0.1:5432",
      "2026-01-01 10:00:03 ERROR [worker] OOMKilled",
    ].join("\n");
    expect(errorSignature(summarizeReproduction(body))).toEqual([
      "error:ECONNREFUSED",
      "error:NullPointerException",
      "error:oomkilled",
      "http:PUT /api/users/:id",
      "service:ledger",
      "service:payments-api",
      "service:worker",
      "status:503",
    ]);
  });

  it("finds nothing in prose", () => {
    expect(errorSignature(summarizeReproduction("The page is slow today."))).toEqual([]);
  });
});

describe("rankSimilar", () => {
  it("puts a recurrence first and says why: component, error signature, rare words", () => {
    const matches = rankSimilar(
      query(
        "Payment gateway 502 at checkout again",
        "POST /api/v2/checkout/99120 HTTP/1.1\n2026-11-22 13:00:00 ERROR [payments-api] 502 Bad Gateway",
        { components: ["payments"] },
      ),
      HISTORY,
    );
    expect(matches.map((match) => match.log.number)).toEqual([501]);
    expect(matches[0]!.why.components).toEqual(["payments"]);
    expect(matches[0]!.why.signature).toContain("http:POST /api/v2/checkout/:id");
    expect(matches[0]!.why.terms).toEqual(expect.arrayContaining(["gateway"]));
  });

  it("says nothing for a brand-new kind of failure", () => {
    expect(
      rankSimilar(
        query(
          "Feature flag service returns stale values",
          "2026-11-22 13:00:00 ERROR [flagd] FlagEvaluationException: cache generation mismatch",
          { components: ["flags"] },
        ),
        HISTORY,
      ),
    ).toEqual([]);
  });

  it("never matches on a component alone, or on words every incident shares", () => {
    const sameComponent = query("Totally different wording here", "", { components: ["payments"] });
    expect(rankSimilar(sameComponent, HISTORY)).toEqual([]);
    const everywhere = HISTORY.map((entry) =>
      past(entry.incident.source.number, `${entry.incident.title} outage customers`, ""),
    );
    expect(rankSimilar(query("Outage for customers", ""), everywhere)).toEqual([]);
  });

  it("matches a confidential incident only into a confidential one, and never drills or itself", () => {
    const secret = past(
      7,
      "Token leak in the export job",
      "2025-07-01 10:00:00 ERROR [exporter] TokenLeakDetectedError",
      { confidential: true },
    );
    const drill = past(8, "Token leak in the export job (drill)", "", { drill: true });
    const ask = (confidential: boolean) =>
      rankSimilar(
        query(
          "Token leak from the export job",
          "2026-11-22 10:00:00 ERROR [exporter] TokenLeakDetectedError",
          { confidential },
        ),
        [...HISTORY, secret, drill],
      ).map((match) => match.log.number);
    expect(ask(false)).toEqual([]);
    expect(ask(true)).toEqual([507]);
    const itself = query("Token leak in the export job", "", {
      confidential: true,
      source: secret.incident.source,
    });
    expect(rankSimilar(itself, [secret]).length).toBe(0);
  });

  it("returns at most three, best first, each eligible (generated histories)", () => {
    const titles = fc.constantFrom(
      "Checkout 502 from gateway",
      "Gateway 502 on checkout again",
      "Search index empty",
      "Disk full on database",
      "Checkout timeouts payment gateway",
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(titles, fc.boolean(), fc.boolean()), { maxLength: 12 }),
        titles,
        fc.boolean(),
        (entries, title, confidential) => {
          const history = entries.map(([text, secret, drill], index) =>
            past(index + 1, text, "", { confidential: secret, drill }),
          );
          const matches = rankSimilar(query(title, "", { confidential }), history);
          expect(matches.length).toBeLessThanOrEqual(3);
          for (let index = 1; index < matches.length; index++)
            expect(matches[index - 1]!.score).toBeGreaterThanOrEqual(matches[index]!.score);
          for (const match of matches) {
            expect(match.incident.drill).not.toBe(true);
            if (!confidential) expect(match.incident.confidential).toBe(false);
          }
        },
      ),
    );
  });
});

describe("similarComment", () => {
  const declared = (title: string, body: string, components: string[] = []): Incident => ({
    ...past(99, title, body, { components, status: "declared", resolvedAt: undefined }).incident,
    log: undefined,
  });

  it("reads the past incidents from the logs' hidden states and lists what they learned", () => {
    const body = similarComment(
      declared(
        "Checkout payment gateway 502",
        "POST /api/v2/checkout/1 HTTP/1.1\n2026-11-22 13:00:00 ERROR [payments-api] 502 Bad Gateway",
        ["payments"],
      ),
      HISTORY.map(logSnapshot),
      false,
    )!;
    expect(body).toContain("Similar past incidents");
    expect(body).toContain(
      "**Checkout fails with 502 from the payment gateway** (log acme/incidents#501)",
    );
    expect(body).toContain("Sev-2 · 2025-02-10 · resolved in 1 h 25 min");
    expect(body).toContain("root cause: gateway connection pool exhausted after a deploy");
    expect(body).toContain("mitigation chosen: roll back the deploy");
    expect(body).toContain("same component `payments`");
  });

  it("posts nothing when nothing is close, unless asked with /similar", () => {
    const lonely = declared("Printer on fire", "2026-11-22 13:00:00 ERROR [printer] PaperJamError");
    expect(similarComment(lonely, HISTORY.map(logSnapshot), false)).toBeUndefined();
    expect(similarComment(lonely, HISTORY.map(logSnapshot), true)).toContain("None close enough");
  });

  it("skips log issues whose state cannot be read", () => {
    const broken = { ...logSnapshot(HISTORY[0]!), body: "<!-- sevbot:state v1\n{oops\n-->" };
    const incident = declared("Checkout payment gateway 502", "", ["payments"]);
    expect(similarComment(incident, [broken], false)).toBeUndefined();
  });
});

describe("declaration and /similar", () => {
  it("the declaration keeps the report's signature and words in the log's hidden state", () => {
    const { incident } = decide(undefined, labeled("severity::1"), config(), NOW);
    expect(incident!.signature).toEqual(["http:POST /api/checkout"]);
    expect(incident!.terms).toEqual(expect.arrayContaining(["checkout", "payment", "gateway"]));
    const read = readStateBlock(renderLogIssueBody(incident!, "acme/shop"));
    expect(read.kind === "ok" && read.incident.signature).toEqual(["http:POST /api/checkout"]);
  });

  it("a confidential incident logged elsewhere keeps neither its words nor its signature there", () => {
    const { incident } = decide(undefined, labeled("severity::1"), config(), NOW);
    const body = renderLogIssueBody({ ...incident!, confidential: true }, TRACKER);
    const read = readStateBlock(body);
    expect(read.kind).toBe("ok");
    if (read.kind !== "ok") return;
    expect(read.incident.terms).toBeUndefined();
    expect(read.incident.signature).toBeUndefined();
    expect(body).not.toMatch(/checkout/i);
  });

  it("/similar re-reads the report as it is now and always answers", () => {
    const { incident } = decide(undefined, labeled("severity::1"), config(), NOW);
    const event: DomainEvent = {
      kind: "comment-created",
      issue: issue({
        labels: ["severity::1"],
        body: "Now filled in:\n2026-11-22 14:01:00 ERROR [ledger] LedgerLockTimeoutException",
      }),
      actor: human,
      comment: { id: 321, body: "/similar", author: "dana", byBot: false },
      permission: "write",
    };
    const decision = decide({ ...incident!, log: ref(100) }, event, config(), NOW);
    expect(decision.actions).toEqual([
      expect.objectContaining({ kind: "similar", key: "similar-321", sayWhenNone: true }),
    ]);
    expect(decision.incident!.signature).toEqual([
      "error:LedgerLockTimeoutException",
      "service:ledger",
    ]);
  });
});
