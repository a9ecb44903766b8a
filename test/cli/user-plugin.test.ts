/**
 * User plugins loaded from a `.ts` file by the compiled binary (which cannot resolve packages for
 * them), taking part in a run, and a broken plugin named in the error.
 */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { ROOT, hasBinary, runPacer } from "../helpers/pacer.ts";

const fixtures = join(ROOT, "test/fixtures/plugins");

describe.skipIf(!hasBinary())("user plugins in the compiled binary (needs `npm run build`)", () => {
  test("the example rusage plugin takes part in an exec run", async () => {
    const r = await runPacer(
      ["exec", "--skip-upload", "--plugin", "examples/plugins/rusage.ts", "--max-rounds", "3", "--warmup-time", "0", "--", "sleep", "0.01"],
      { binary: true },
    );
    expect(r.stderr).not.toContain("Error");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Resource Usage Instrument");
    expect(r.stdout).toContain("whole command");
    expect(r.stdout).toContain("Walltime Instrument");
  }, 120_000);

  test("a plugin whose collect throws fails the run naming the plugin and the hook", async () => {
    const r = await runPacer(
      ["exec", "--skip-upload", "--plugin", join(fixtures, "collect-throws.ts"), "--max-rounds", "2", "--warmup-time", "0", "--", "true"],
      { binary: true },
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("[plugin collect-throws] collect: cannot read my output file");
  }, 120_000);

  test("a plugin missing probe is refused before the run", async () => {
    const r = await runPacer(["exec", "--plugin", join(fixtures, "no-probe.ts"), "--", "true"], { binary: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing function "probe"');
  }, 60_000);

  test("a plugin importing a package gets an error saying it cannot", async () => {
    const r = await runPacer(["exec", "--plugin", join(fixtures, "imports-package.ts"), "--", "true"], { binary: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cannot load plugin');
    expect(r.stderr).toContain("import type");
  }, 60_000);
});
