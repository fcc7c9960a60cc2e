import { describe, expect, it } from "vitest";
import { isPermanentFailure } from "../../src/app/retry-policy.js";

const failure = (status: number, message: string) => Object.assign(new Error(message), { status });

describe("which failures are worth another attempt", () => {
  it("a 403 for a missing permission is final; a 403 secondary rate limit is retried", () => {
    expect(
      isPermanentFailure(
        failure(403, "Resource not accessible by integration - https://docs.github.com/rest"),
      ),
    ).toBe(true);
    expect(
      isPermanentFailure(failure(403, "You have exceeded a secondary rate limit. Please wait.")),
    ).toBe(false);
    expect(isPermanentFailure(failure(401, "Bad credentials"))).toBe(false);
    expect(isPermanentFailure(failure(422, "Validation Failed"))).toBe(true);
    expect(isPermanentFailure(failure(502, "Server Error"))).toBe(false);
  });
});
