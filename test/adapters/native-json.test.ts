import { Readable } from "node:stream";
import fc from "fast-check";
import { JSONParse } from "json-with-bigint";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseJsonBody } from "../../src/adapters/github/native-json.js";
import { createSevbotOctokit } from "../../src/adapters/github/octokit.js";

afterEach(() => vi.restoreAllMocks());

/** What @octokit/request's `getResponseData` answers for a JSON body (fetch-wrapper.js). */
function octokitsOwnParse(text: string): unknown {
  try {
    return JSONParse(text);
  } catch {
    return text;
  }
}

const bigInteger = fc.bigInt({ min: 2n ** 53n, max: 2n ** 80n });

describe("parsing a JSON body", () => {
  it("gives what Octokit's own parser gives: JSON, integers beyond 2^53 as BigInts, other text as text", () => {
    const texts = fc.oneof(
      fc.json(),
      fc.string(),
      fc.constantFrom("", "123n", '"123n"', '{"a":"9007199254740993n"}', "[1,", "null"),
      fc
        .tuple(bigInteger, fc.json(), fc.boolean())
        .map(([big, rest, negative]) => `{"id":${negative ? "-" : ""}${big},"rest":${rest}}`),
      fc.tuple(fc.json(), fc.stringMatching(/^\d{16,20}$/)).map(([json, digits]) => {
        return `{"note":"${digits}","value":${json}}`;
      }),
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(parseJsonBody(text)).toEqual(octokitsOwnParse(text));
      }),
      { numRuns: 500 },
    );
  });

  it("keeps a large id exact", () => {
    expect(parseJsonBody('[{"id":12345678901234567890,"n":1}]')).toEqual([
      { id: 12345678901234567890n, n: 1 },
    ]);
  });
});

/** One canned answer per request, the same for both clients. */
type Canned = { status: number; type?: string; body?: string | Uint8Array };

const CASES: Canned[] = [
  { status: 200, type: "application/json; charset=utf-8", body: '[{"id":1,"body":"é"}]' },
  { status: 200, type: "application/json", body: '{"id":9007199254740993,"node_id":"I_1"}' },
  { status: 201, type: "application/json", body: '{"created":true}' },
  { status: 200, type: "application/json", body: "not json" },
  { status: 200, type: "application/json", body: "" },
  { status: 200, type: "application/scim+json", body: '{"schemas":[]}' },
  { status: 200, type: "application/vnd.github.raw; charset=utf-8", body: "oncall: [kim]\n" },
  { status: 200, type: "text/plain", body: "plain" },
  { status: 200, body: "no content type" },
  { status: 200, type: "application/octet-stream", body: new Uint8Array([0, 1, 255]) },
  { status: 200, type: "application/zip", body: new Uint8Array([80, 75, 3, 4]) },
  { status: 204 },
  { status: 404, type: "application/json", body: '{"message":"Not Found"}' },
  {
    status: 422,
    type: "application/json",
    body: '{"message":"Validation Failed","errors":[{"code":"invalid"}]}',
  },
];

function cannedFetch(answer: Canned) {
  return async () => {
    const body =
      typeof answer.body === "string" ? new TextEncoder().encode(answer.body) : answer.body;
    return new Response(answer.status === 204 ? null : body, {
      status: answer.status,
      headers: answer.type ? { "content-type": answer.type } : {},
    });
  };
}

/** The data a request ends with, or the error's status and data. */
async function outcome(octokit: InstanceType<typeof ProbotOctokit>, answer: Canned) {
  try {
    const { data } = await octokit.request("GET /repos/{owner}/{repo}", {
      owner: "acme",
      repo: "shop",
      request: { fetch: cannedFetch(answer) },
    });
    return { data: data instanceof ArrayBuffer ? ["bytes", [...new Uint8Array(data)]] : data };
  } catch (error) {
    const { status, response } = error as { status: number; response?: { data: unknown } };
    return { status, data: response?.data };
  }
}

describe("sevbot's Octokit parses responses with the native parser", () => {
  const options = {
    auth: "ghs_test",
    throttle: { enabled: false },
    retry: { enabled: false },
    sevbotRetry: { enabled: false },
    log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
  };
  const Sevbot = createSevbotOctokit({ writeIntervalMs: 0 });
  const sevbot = new Sevbot(options as ConstructorParameters<typeof Sevbot>[0]);
  const stock = new ProbotOctokit(options as ConstructorParameters<typeof ProbotOctokit>[0]);

  it("success bodies go through JSON.parse", async () => {
    const body = '[{"id":1,"number":7,"body":"a page of issues"}]';
    const answer = { status: 200, type: "application/json", body };
    const parse = vi.spyOn(JSON, "parse");
    expect((await outcome(sevbot, answer)).data).toEqual([
      { id: 1, number: 7, body: "a page of issues" },
    ]);
    expect(parse).toHaveBeenCalledWith(body);
  });

  it.each(CASES.map((answer) => [answer.status, answer.type ?? "(none)", answer]))(
    "%s %s: the same data (or error) as Probot's stock Octokit",
    async (_status, _type, answer) => {
      expect(await outcome(sevbot, answer)).toEqual(await outcome(stock, answer));
    },
  );

  it("a fetch that answers with a Node stream (as node-fetch does) is parsed too", async () => {
    const { data } = await sevbot.request("GET /repos/{owner}/{repo}", {
      owner: "acme",
      repo: "shop",
      request: {
        fetch: async () => ({
          status: 200,
          url: "https://api.github.com/repos/acme/shop",
          headers: new Headers({ "content-type": "application/json" }),
          body: Readable.from([Buffer.from('{"id":'), Buffer.from("42}")]),
        }),
      },
    });
    expect(data).toEqual({ id: 42 });
  });

  it("a caller that asks for the raw body still gets the stream", async () => {
    const { data } = await sevbot.request("GET /repos/{owner}/{repo}", {
      owner: "acme",
      repo: "shop",
      request: {
        fetch: cannedFetch({ status: 200, type: "application/json", body: "{}" }),
        parseSuccessResponseBody: false,
      },
    });
    expect(data).toBeInstanceOf(ReadableStream);
  });
});
