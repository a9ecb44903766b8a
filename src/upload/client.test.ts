import { describe, expect, test } from "bun:test";
import { backoffDelay, isRetryableStatus, retryTuning } from "./client.ts";

describe("retry policy", () => {
  test.each([[500, true], [503, true], [429, true], [408, true], [400, false], [401, false], [404, false], [200, false]])(
    "isRetryableStatus(%d) is %p",
    (status, retry) => expect(isRetryableStatus(status)).toBe(retry),
  );

  test("backoff grows exponentially within a jittered window and is capped", () => {
    for (let i = 0; i < 50; i++) {
      const d1 = backoffDelay(1, 500, 30_000);
      const d3 = backoffDelay(3, 500, 30_000);
      expect(d1).toBeGreaterThanOrEqual(250);
      expect(d1).toBeLessThanOrEqual(500);
      expect(d3).toBeGreaterThanOrEqual(1000);
      expect(d3).toBeLessThanOrEqual(2000);
      expect(backoffDelay(20, 500, 30_000)).toBeLessThanOrEqual(30_000);
    }
  });

  test("Retry-After in seconds wins over the backoff, capped at the maximum", () => {
    expect(backoffDelay(1, 500, 30_000, "2")).toBe(2000);
    expect(backoffDelay(1, 500, 30_000, "3600")).toBe(30_000);
  });

  test("timing comes from PACER_HTTP_RETRY_BASE_MS / PACER_HTTP_TIMEOUT_MS when set", () => {
    expect(retryTuning({ PACER_HTTP_RETRY_BASE_MS: "0", PACER_HTTP_TIMEOUT_MS: "250" })).toEqual({ baseDelayMs: 0, timeoutMs: 250 });
    expect(retryTuning({})).toEqual({});
  });
});
