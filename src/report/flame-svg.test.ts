import { expect, test } from "bun:test";
import { flameSvg, fitLabel } from "./flame-svg.ts";
import { treeFromFolded } from "./flame-tree.ts";

const head = treeFromFolded("node;Builtins_RunMicrotasks;JS:*fib a.mjs 30.4\nnode;JS:*sum a.mjs 10\n", "bench");
const base = treeFromFolded("node;Builtins_RunMicrotasks;JS:*fib a.mjs 10\nnode;JS:*sum a.mjs 10\n", "bench");

test("the folded view is shown without script, the full tree is in the same SVG, hidden", () => {
  const svg = flameSvg(head, { id: "f", unit: "instructions" });
  expect(svg).toMatch(/<g class="flame-view" data-view="collapsed" data-height="\d+">/);
  expect(svg).toMatch(/<g class="flame-view" data-view="full" data-height="\d+" display="none">/);
  expect(svg).toContain('data-name="2 harness frames"');
  expect(svg).toContain("<title>2 harness frames — 40 instructions (100.0% of total, 100.0% of parent): node, Builtins_RunMicrotasks</title>");
  expect(svg).toContain("<title>JS:*fib a.mjs — 30 instructions (75.2% of total, 75.2% of parent)</title>");
  expect(svg.match(/tabindex="0"/g)!.length).toBe(4 + 5);
});

test("collapse: false draws only the full tree", () => {
  const svg = flameSvg(head, { id: "f", collapse: false });
  expect(svg).not.toContain("harness frames");
  expect(svg).toMatch(/data-view="full" data-height="\d+">/);
});

test("differential: base and head are matched through the folded bar; a grown frame is red", () => {
  const svg = flameSvg(head, { id: "f", unit: "instructions", base });
  const fib = /<g class="frame"[^>]*data-name="JS:\*fib a.mjs"><title>([^<]*)<\/title><rect [^>]*fill="([^"]+)"/.exec(svg)!;
  expect(fib[1]).toContain("base → head: 10 → 30 instructions (+204.0%)");
  expect(fib[2]).toMatch(/^hsl\(0, /);
  const sum = /data-name="JS:\*sum a.mjs"><title>[^<]*<\/title><rect [^>]*fill="([^"]+)"/.exec(svg)!;
  expect(sum[1]).toMatch(/^hsl\(215, /); // its share shrank
});

test("labels are cut with an ellipsis to fit", () => {
  expect(fitLabel("abcdefghijklmnopqrstuvwxyz", 60)).toBe("abcdefg…");
  expect(fitLabel("abc", 60)).toBe("abc");
  expect(fitLabel("abcdefghij", 20)).toBe("");
});
