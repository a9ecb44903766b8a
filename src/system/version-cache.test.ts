import { afterAll, beforeAll, expect, test } from "bun:test";
import { chmodSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cachedVersionText } from "./version-cache.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-version-cache-"));
const saved = { xdg: process.env.XDG_CACHE_HOME, off: process.env.PACER_PROBE_CACHE };
beforeAll(() => {
  process.env.XDG_CACHE_HOME = join(dir, "cache");
  delete process.env.PACER_PROBE_CACHE;
});
afterAll(() => {
  if (saved.xdg === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = saved.xdg;
  if (saved.off !== undefined) process.env.PACER_PROBE_CACHE = saved.off;
  rmSync(dir, { recursive: true, force: true });
});

/** A program file and a counter of how often its version was asked. */
function tool(name: string, version: string) {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\necho ${version}\n`);
  chmodSync(path, 0o755);
  let runs = 0;
  const ask = () => cachedVersionText(path, ["--version"], async () => (runs++, readFileSync(path, "utf8").split(" ")[1]!.trim()));
  return { path, ask, runs: () => runs };
}

test("the same program file is asked once; a changed file is asked again", async () => {
  const t = tool("perf-like", "6.1");
  expect(await t.ask()).toBe("6.1");
  expect(await t.ask()).toBe("6.1");
  expect(t.runs()).toBe(1);
  // An upgrade replaces the file: other size and mtime.
  writeFileSync(t.path, "#!/bin/sh\necho 6.10\n");
  utimesSync(t.path, new Date(), new Date(Date.now() + 5_000));
  expect(await t.ask()).toBe("6.10");
  expect(t.runs()).toBe(2);
});

test("a program that gave no answer is not remembered, and PACER_PROBE_CACHE=0 asks every time", async () => {
  const t = tool("flaky", "1.0");
  let answer: string | null = null;
  const ask = () => cachedVersionText(t.path, ["--version"], async () => answer);
  expect(await ask()).toBeNull();
  answer = "1.0";
  expect(await ask()).toBe("1.0");
  process.env.PACER_PROBE_CACHE = "0";
  try {
    await t.ask();
    await t.ask();
    expect(t.runs()).toBe(2);
  } finally {
    delete process.env.PACER_PROBE_CACHE;
  }
});

test("a corrupt cache file counts as empty", async () => {
  const t = tool("corrupt", "2.0");
  writeFileSync(join(dir, "cache", "pacer", "versions.json"), "{not json");
  expect(await t.ask()).toBe("2.0");
  expect(t.runs()).toBe(1);
  expect(JSON.parse(readFileSync(join(dir, "cache", "pacer", "versions.json"), "utf8")).format).toBe(1);
});
