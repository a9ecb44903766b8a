import { expect, test } from "bun:test";
import { elide, terminalCell, terminalText } from "./terminal-text.ts";

test("control sequences are shown, not sent: ESC, OSC title, BEL, newline, C1 CSI, bidi override", () => {
  const hostile = "a\x1b]0;owned\x07b\x1b[2Jc\nd\re\tf\x9b31mg\u202eh";
  const safe = terminalText(hostile);
  expect(safe).toBe("a\\e]0;owned\\x07b\\e[2Jc\\nd\\re\\tf\\x9b31mg\\u202eh");
  expect(safe).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
});

test("ordinary names, unicode and emoji are kept as they are", () => {
  for (const s of ["fib 15", "bench/io.ts::parse «json» 🚀", "naïve 日本"]) expect(terminalText(s)).toBe(s);
});

test("long names are elided in the middle to the limit, both ends kept", () => {
  const long = "bench/file.ts::" + "x".repeat(10_000) + "::end";
  const e = elide(long, 60);
  expect([...e]).toHaveLength(60);
  expect(e.startsWith("bench/file.ts::")).toBe(true);
  expect(e.endsWith("::end")).toBe(true);
  expect(elide("short", 60)).toBe("short");
  expect([...terminalCell("\x1b".repeat(100))].length).toBeLessThanOrEqual(60);
});
