import { expect, test } from "bun:test";
import { markdownCell, markdownText } from "./markdown-text.ts";

test("HTML and Markdown in a name render as text", () => {
  const md = markdownText("<img src=x onerror=alert(1)> [link](http://e.vil) **b** `c` | d");
  expect(md).not.toContain("<");
  expect(md).toContain("&lt;img src=x onerror=alert\\(1\\)&gt;");
  expect(md).toContain("\\[link\\]\\(http\\:");
  expect(md).toContain("\\*\\*b\\*\\*");
  expect(md).toContain("\\| d");
  expect(md).not.toMatch(/(^|[^\\])\|/);
});

test("newlines and control characters stay on the row, shown as escapes", () => {
  const md = markdownCell("a\nb\x1b[31m");
  expect(md).not.toMatch(/[\n\x1b]/);
  expect(md).toBe("a\\\\nb\\\\e\\[31m");
});

test("long names are elided", () => {
  expect([...markdownCell("y".repeat(10_000))].length).toBeLessThanOrEqual(100);
});
