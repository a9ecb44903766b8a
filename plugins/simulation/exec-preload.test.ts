import { expect, test } from "bun:test";
import { execPreloadPrefix } from "./exec-preload.ts";

test("execPreloadPrefix() puts the window library first and keeps the user's LD_PRELOAD", () => {
  expect(execPreloadPrefix("/tmp/p-1/w.so", undefined)).toEqual(["env", "LD_PRELOAD=/tmp/p-1/w.so"]);
  expect(execPreloadPrefix("/tmp/p-1/w.so", " /opt/a.so /opt/b.so ")).toEqual(["env", "LD_PRELOAD=/tmp/p-1/w.so:/opt/a.so /opt/b.so"]);
});

test("execPreloadPrefix() refuses a library path ld.so would split (space or colon), naming the path", () => {
  // ld.so splits LD_PRELOAD on both: the library would not load and every count would be 0.
  for (const so of ["/tmp/my dir/w.so", "/tmp/a:b/w.so"]) {
    expect(() => execPreloadPrefix(so, undefined)).toThrow(`Cannot preload the simulation exec window library from "${so}": the path contains a space or a colon`);
  }
});
