/**
 * `pacer analyze <folder>` and `pacer upload --profile-folder <folder>` read folders of runs made
 * here, copied to another place, through the instruments' offline collect (compiled binary): the
 * results equal the run's own, the mode comes from pacer-run.json or, without it, from the files
 * (`recognizes`), and the upload's executor is the mode's (a real loopback upload server).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hasBinary, runPacer, which } from "../helpers/pacer.ts";
import { startUploadServer, type UploadServer } from "../helpers/upload-server.ts";

const TOKEN = "tok-analyze-123456";
const work = mkdtempSync(join(tmpdir(), "pacer-analyze-"));
const elsewhere = mkdtempSync(join(tmpdir(), "pacer-analyze-copy-"));
let server: UploadServer;
beforeAll(async () => {
  server = await startUploadServer({ token: TOKEN });
});
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

type Json = { runs: Array<{ measurements: Measured[] }> };
type Analyzed = { mode: string; modeFrom: string; measurements: Measured[] };
type Measured = { instrument: string; benchmarks: Array<{ name: string; metrics: Record<string, unknown> }> };
/** What must survive the trip: every benchmark's metrics (details hold absolute paths of the run). */
const metricsOf = (ms: Measured[]) => ms.map((m) => ({ instrument: m.instrument, benchmarks: m.benchmarks.map((b) => ({ name: b.name, metrics: b.metrics })) }));

/** Runs `exec` in `mode` into a profile folder, copies the folder away; returns the run's measurements and the copy. */
async function runAndCopy(mode: string, name: string, extra: string[] = []) {
  const folder = join(work, name);
  const r = await runPacer(["exec", "--mode", mode, "--skip-upload", "--json", "--profile-folder", folder, ...extra, "--", "true"], { binary: true, cwd: work });
  expect(r.code, r.stderr).toBe(0);
  const copy = join(elsewhere, name);
  cpSync(folder, copy, { recursive: true });
  rmSync(folder, { recursive: true, force: true });
  return { measurements: (JSON.parse(r.stdout) as Json).runs[0]!.measurements, copy };
}

const analyze = async (...args: string[]) => runPacer(["analyze", ...args], { binary: true, cwd: work });
const upload = (folder: string, ...extra: string[]) =>
  runPacer(["upload", "--profile-folder", folder, "--upload-url", server.uploadUrl, "--api-url", server.apiUrl, "--token", TOKEN, "--no-poll", ...extra], { binary: true, cwd: work });
const executor = () => (server.uploads.find((u) => u.archive)!.metadata.runner as { executor: string }).executor;

describe.skipIf(!hasBinary())("reading an old profile folder (needs `npm run build`)", () => {
  test("walltime: analyze prints the run's results from a copied folder, upload sends it as walltime", async () => {
    const { measurements, copy } = await runAndCopy("walltime", "walltime", ["--max-rounds", "3", "--warmup-time", "0"]);
    const table = await analyze(copy);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain("Walltime Instrument");
    expect(table.stderr).toContain("(mode from pacer-run.json)");
    const json = await analyze(copy, "--json");
    expect(json.code, json.stderr).toBe(0);
    const a = JSON.parse(json.stdout) as Analyzed;
    expect(a.mode).toBe("walltime");
    expect(metricsOf(a.measurements)).toEqual(metricsOf(measurements));

    rmSync(join(copy, "pacer-run.json"));
    const files = JSON.parse((await analyze(copy, "--json")).stdout) as Analyzed;
    expect(files.modeFrom).toBe("files");
    expect(files.mode).toBe("walltime");

    server.reset();
    const up = await upload(copy);
    expect(up.code, up.stderr).toBe(0);
    expect(executor()).toBe("walltime");
  }, 120_000);

  test.skipIf(!which("valgrind"))("simulation: the same from callgrind outputs; upload's executor is valgrind (needs valgrind)", async () => {
    const { measurements, copy } = await runAndCopy("simulation", "simulation");
    const a = JSON.parse((await analyze(copy, "--json")).stdout) as Analyzed;
    expect(a.mode).toBe("simulation");
    expect(metricsOf(a.measurements)).toEqual(metricsOf(measurements));
    rmSync(join(copy, "pacer-run.json"));
    const files = JSON.parse((await analyze(copy, "--json")).stdout) as Analyzed;
    expect(files.modeFrom).toBe("files");
    expect(files.mode).toBe("simulation");
    server.reset();
    const up = await upload(copy);
    expect(up.code, up.stderr).toBe(0);
    expect(executor()).toBe("valgrind");
  }, 180_000);

  test("a folder without results and a missing folder are clear errors, and nothing is uploaded", async () => {
    const odd = join(elsewhere, "odd");
    mkdirSync(odd);
    writeFileSync(join(odd, "notes.txt"), "hello");
    // walltime claims any folder no other mode recognizes (as `pacer upload` always did); its
    // collect then says what is missing, naming the instrument.
    const unknown = await analyze(odd);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("[plugin walltime] collect:");
    expect(unknown.stderr).toContain(`Cannot read "${odd}": 1 instrument(s) failed to read it`);
    expect(unknown.stderr).not.toContain("Unexpected error");
    const missing = await analyze(join(elsewhere, "nope"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("it does not exist");
    server.reset();
    const refused = await upload(odd, "--mode", "walltime");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("[plugin walltime] collect:");
    expect(server.uploads.filter((u) => u.archive)).toHaveLength(0);
  }, 60_000);

  test("a folder of a user plugin's mode needs that plugin, and says so", async () => {
    const odd = join(elsewhere, "user-mode");
    mkdirSync(odd);
    writeFileSync(join(odd, "pacer-run.json"), JSON.stringify({ mode: "energy" }));
    const r = await analyze(odd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown mode "energy"');
    expect(r.stderr).toContain("--plugin");
  }, 60_000);
});
