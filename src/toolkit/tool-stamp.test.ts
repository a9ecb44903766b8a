import { afterAll, expect, test } from "bun:test";
import { chmodSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toolStamp } from "./tool-stamp.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-tool-stamp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("names the first executable on PATH by path, size and mtime, and changes when it is replaced", () => {
  const tool = join(dir, "mytool");
  writeFileSync(tool, "#!/bin/sh\n");
  chmodSync(tool, 0o755);
  utimesSync(tool, 1000, 1000);
  const before = toolStamp(["mytool", "no-such-tool-xyz"], `relative:${dir}:/usr/bin`);
  expect(before).toBe(`mytool=${tool}:10:1000000; no-such-tool-xyz=missing`);
  writeFileSync(tool, "#!/bin/sh\necho upgraded\n");
  expect(toolStamp(["mytool"], dir)).not.toBe(before.split(";")[0]);
  // Not executable: not the tool.
  chmodSync(tool, 0o644);
  expect(toolStamp(["mytool"], dir)).toBe("mytool=missing");
});
