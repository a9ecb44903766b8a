/**
 * When the benchmark cannot even be spawned while the FIFO server is up, pacer fails with an error
 * and exits (it used to keep waiting on the FIFO reader), leaving no FIFO behind.
 */
import { expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT, runPacer } from "../helpers/pacer.ts";

test("a spawn failure under walltime (FIFO served) fails fast and cleans up", async () => {
  const r = await runPacer(
    ["exec", "--mode", "walltime", "--skip-upload", "--plugin", join(ROOT, "test/fixtures/plugins/bad-wrap.ts"), "--max-rounds", "1", "--", "true"],
    { timeoutMs: 60_000 },
  );
  expect(r.code).toBe(1);
  expect(r.stderr).toContain("/nonexistent/pacer-test-wrapper");
  expect(existsSync("/tmp/runner.ctl.fifo")).toBe(false);
}, 90_000);
