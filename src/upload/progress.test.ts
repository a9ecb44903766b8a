import { describe, expect, test } from "bun:test";
import { progressLine } from "./progress.ts";

const MIB = 2 ** 20;

describe("progressLine()", () => {
  test("bytes, percentage and rate", () => {
    expect(progressLine(12 * MIB, 40 * MIB, 5_000)).toBe("12.0 MiB / 40.0 MiB (30%), 2.4 MiB/s");
  });

  test("says what it waits for when nothing moves", () => {
    expect(progressLine(12 * MIB, 40 * MIB, 10_000, 4_200)).toBe("12.0 MiB / 40.0 MiB (30%), 1.2 MiB/s, nothing sent for 4 s");
    expect(progressLine(40 * MIB, 40 * MIB, 10_000, 4_200)).toBe("40.0 MiB / 40.0 MiB (100%), 4.0 MiB/s, waiting for the server's reply");
  });
});
