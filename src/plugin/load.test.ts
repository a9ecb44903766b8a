import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { loadUserPlugin } from "./load.ts";

const dir = join(import.meta.dir, "../../test/fixtures/plugins");

describe("loadUserPlugin() checks the shape before use", () => {
  test.each([
    ["no-probe.ts", 'Cannot load plugin "no-probe.ts": missing function "probe"'],
    ["bad-name.ts", 'Cannot load plugin "bad-name.ts": "name": expected a kebab-case name'],
    ["missing.ts", 'Cannot load plugin "missing.ts": file'],
  ])("%s is refused with a message naming it", async (file, message) => {
    expect(loadUserPlugin({ path: file }, dir)).rejects.toThrow(message);
  });

  test("a factory default export is resolved", async () => {
    expect((await loadUserPlugin({ path: "factory.ts" }, dir)).name).toBe("from-factory");
  });

  test("the example plugin loads", async () => {
    const p = await loadUserPlugin({ path: "examples/plugins/rusage.ts" }, join(import.meta.dir, "../.."));
    expect(p.name).toBe("rusage");
    expect(p.enforce).toBe("post");
  });
});
