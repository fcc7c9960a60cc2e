import { describe, expect, it } from "vitest";
import {
  findLogRef,
  findLogSource,
  hasMarker,
  isLogIssueBody,
  logIssueMarker,
  logRefMarker,
  marker,
} from "../../src/core/markers.js";
import { ref } from "../helpers/builders.js";

describe("markers", () => {
  it("round-trip the references between a source issue and its log issue", () => {
    const body = `text\n${logRefMarker(ref(12, "acme/incidents"))}\n`;
    expect(findLogRef(body)).toEqual(ref(12, "acme/incidents"));
    expect(findLogSource(`x ${logIssueMarker(ref(7, "group/sub/project"))}`)).toEqual(
      ref(7, "group/sub/project"),
    );
    expect(findLogSource(body)).toBeUndefined();
  });

  it("tell a log issue from any other issue", () => {
    expect(isLogIssueBody(logIssueMarker(ref()))).toBe(true);
    expect(isLogIssueBody("mentions sevbot:log-for in prose")).toBe(false);
  });

  it("find a key only as a whole marker", () => {
    expect(hasMarker(`a ${marker("checklist")}`, "checklist")).toBe(true);
    expect(hasMarker(`a ${marker("checklist-2")}`, "checklist")).toBe(false);
  });
});
