import { afterEach, expect, test } from "bun:test";
import { setColorChoice, useColor } from "./color.ts";

const tty = () => true;
const pipe = () => false;

afterEach(() => setColorChoice("auto"));

test("auto follows the terminal", () => {
  expect(useColor(1, {}, tty)).toBe(true);
  expect(useColor(1, {}, pipe)).toBe(false);
  expect(useColor(1, { TERM: "dumb" }, tty)).toBe(false);
});

test("NO_COLOR (non-empty) disables, an empty one does not", () => {
  expect(useColor(1, { NO_COLOR: "1" }, tty)).toBe(false);
  expect(useColor(1, { NO_COLOR: "" }, tty)).toBe(true);
});

test("FORCE_COLOR enables off a terminal and beats NO_COLOR; FORCE_COLOR=0 disables", () => {
  expect(useColor(2, { FORCE_COLOR: "1" }, pipe)).toBe(true);
  expect(useColor(2, { FORCE_COLOR: "3", NO_COLOR: "1" }, pipe)).toBe(true);
  expect(useColor(2, { FORCE_COLOR: "0" }, tty)).toBe(false);
  expect(useColor(2, { FORCE_COLOR: "false" }, tty)).toBe(false);
});

test("--color beats every variable; a bad value is a usage error", () => {
  setColorChoice("never");
  expect(useColor(1, { FORCE_COLOR: "1" }, tty)).toBe(false);
  setColorChoice("always");
  expect(useColor(1, { NO_COLOR: "1" }, pipe)).toBe(true);
  expect(() => setColorChoice("sometimes")).toThrow('Invalid --color "sometimes"');
});
