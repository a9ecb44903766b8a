import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "pacer-record-mode-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The fingerprint is read while the probe runs (to save ~0.5 s of version commands); a setup that
// installs a tool must still be seen in the saved run.
test("a tool installed by setup is in the run's fingerprint, though the fingerprint started before setup", () => {
  const r = Bun.spawnSync([process.execPath, join(import.meta.dir, "../../test/fixtures/plugins/record-installs.ts"), dir], {
    env: { ...process.env, PATH: `${dir}:${process.env.PATH}`, PACER_TEST_TOOL_DIR: dir },
    stdout: "pipe",
    stderr: "pipe",
  });
  expect(r.stdout.toString().trim()).toBe("ok");
  const saved = JSON.parse(readFileSync(join(dir, "profile", "pacer-run.json"), "utf8"));
  expect(saved.machine.tools.valgrind).toBe("9.9.9");
});
