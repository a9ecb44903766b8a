import { expect, test } from "bun:test";
import { formatFlameValue, formatShare, frameTooltip } from "./flame-format.ts";

test("instruction counts are whole numbers with thousands separators", () => {
  expect(formatFlameValue(1922.771, "instructions")).toBe("1,923 instructions");
  expect(formatFlameValue(3_508_560, "instructions")).toBe("3,508,560 instructions");
  expect(formatFlameValue(12.4, "samples")).toBe("12 samples");
});

test("other units keep up to three decimals, as before", () => {
  expect(formatFlameValue(1.23456, "ms")).toBe("1.235 ms");
});

test("shares", () => {
  expect(formatShare(1, 3)).toBe("33.3%");
  expect(formatShare(1, 300)).toBe("0.33%");
  expect(formatShare(0, 0)).toBe("0.0%");
});

test("tooltip: name — value unit (share of total, of parent), and base → head in a differential graph", () => {
  expect(frameTooltip({ name: "fib", value: 250.4, total: 1000, parent: 501, unit: "instructions" })).toBe("fib — 250 instructions (25.0% of total, 50.0% of parent)");
  expect(frameTooltip({ name: "fib", value: 1250, total: 2000, parent: 2000, unit: "instructions", base: { value: 1000 } })).toBe(
    "fib — 1,250 instructions (62.5% of total, 62.5% of parent); base → head: 1,000 → 1,250 instructions (+25.0%)",
  );
  expect(frameTooltip({ name: "x", value: 5, total: 10, parent: 10, unit: "samples", base: { value: undefined } })).toContain("absent → 5 samples (new)");
});
