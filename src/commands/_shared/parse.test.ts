import { expect, test } from "bun:test";
import { parseFlags } from "./parse.ts";

const OPTIONS = { check: { type: "boolean" }, threshold: { type: "string" }, json: { type: "boolean" } } as const;

test("a mistyped flag names the closest one", () => {
  expect(() => parseFlags("compare", ["--chekc"], OPTIONS)).toThrow(`Invalid arguments for "pacer compare": Unknown option '--chekc', did you mean "--check"?`);
  expect(() => parseFlags("compare", ["--colour=never"], OPTIONS)).toThrow(`did you mean "--color"?`);
});

test("a flag far from every known one gets no guess; a missing value is named", () => {
  expect(() => parseFlags("compare", ["--frobnicate"], OPTIONS)).toThrow(/Unknown option '--frobnicate'$/);
  expect(() => parseFlags("compare", ["--threshold"], OPTIONS)).toThrow("Option '--threshold <value>' argument missing");
});
