import { describe, expect, test } from "bun:test";
import { createLogLines } from "./log-lines.ts";

describe("createLogLines", () => {
  test("prefixes complete lines and keeps the unfinished one for later", () => {
    const l = createLogLines("[stdout] ");
    expect(l.push("a\nb")).toBe("[stdout] a\n");
    expect(l.push("c\r")).toBe("[stdout] bc\r");
    expect(l.push("d")).toBe("");
    expect(l.end()).toBe("[stdout] d\n");
  });

  test("a line that never ends is written in bounded pieces", () => {
    const l = createLogLines("> ", 10);
    const out = Array.from({ length: 5 }, () => l.push("xxxx")).join("") + l.end();
    expect(out).toBe("> xxxxxxxxxxxx\n> xxxxxxxx\n");
  });

  test("the text after the last line end is held only once (no rescans of old text)", () => {
    const l = createLogLines("", 8);
    expect(l.push("1\n" + "y".repeat(20))).toBe("1\n" + "y".repeat(20) + "\n");
    expect(l.end()).toBe("");
  });
});
