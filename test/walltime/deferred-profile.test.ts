/**
 * A walltime run that uploads nothing leaves `perf script`, the folded stacks and the upload's
 * symbol files for later (issue 16: about a second of every short run). Nothing may be lost: once
 * `pacer report` or `pacer upload` asks, the folder holds the files a run that made its profile at
 * once leaves (PACER_DEFER_PROFILE=0), the history has the flame graphs, and the upload archive
 * carries the folded stacks a results server shows.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import walltime from "../../plugins/walltime/index.ts";
import { collectOffline, copyFolder, exampleInGitRepo, UNKNOWN_OUTCOME } from "../helpers/offline-collect.ts";
import { archiveEntries, filesOf, normalized } from "../helpers/folder-files.ts";
import { hasBinary, perfRecordsNode, runPacer } from "../helpers/pacer.ts";
import { startUploadServer, type UploadServer } from "../helpers/upload-server.ts";

const TOKEN = "tok-deferred-0123456789";
const skip = !hasBinary() || !perfRecordsNode();
const made: string[] = [];
let server: UploadServer;
beforeAll(async () => {
  server = await startUploadServer({ token: TOKEN });
});
afterAll(async () => {
  await server.close();
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const HISTORY = { PACER_HISTORY: "", PACER_LOG: "debug" };

async function run(repo: string, env: Record<string, string> = {}): Promise<{ folder: string; pids: number[]; stderr: string }> {
  const folder = mkdtempSync(join(tmpdir(), "pacer-deferred-"));
  made.push(folder);
  const r = await runPacer(["run", "--mode", "walltime", "--skip-setup", "--skip-upload", "--profile-folder", folder, "--", "node", "bench.mjs"], {
    binary: true,
    cwd: repo,
    env: { ...HISTORY, ...env },
    timeoutMs: 300_000,
  });
  expect(r.code, r.stderr.slice(-2000)).toBe(0);
  const pids = JSON.parse(readFileSync(join(folder, "walltime.run.json"), "utf8")).benchmarkPids as number[];
  return { folder, pids, stderr: r.stderr };
}

type Bench = { uri: string; detail?: { folded?: string } };
const record = (folder: string) => JSON.parse(readFileSync(join(folder, "pacer-run.json"), "utf8")) as { id: string; measurements: { profilePending?: boolean; benchmarks: Bench[] }[] };
const stacks = (dir: string) => filesOf(join(dir, "folded")).sort().map((f) => readFileSync(join(dir, "folded", f), "utf8"));

test.skipIf(skip)("a run that uploads nothing makes its profile when a report or an upload asks, with nothing lost", async () => {
  const repo = exampleInGitRepo("tinybench");
  try {
    const eager = await run(repo.dir, { PACER_DEFER_PROFILE: "0" });
    const eagerFiles = normalized(filesOf(eager.folder), eager.pids);
    expect(eagerFiles).toContain("perf.metadata");
    expect(eagerFiles.some((f) => f.endsWith(".unwind_data"))).toBe(true);

    // Deferred: the results are there, the profile's derived files are not, and perf never ran again.
    const later = await run(repo.dir);
    expect(later.stderr).toContain("jitdumps left for later");
    expect(existsSync(join(later.folder, "folded"))).toBe(false);
    expect(existsSync(join(later.folder, "perf.metadata"))).toBe(false);
    expect(record(later.folder).measurements[0]!.profilePending).toBe(true);
    expect(JSON.parse(readFileSync(join(later.folder, "walltime.run.json"), "utf8")).pending.integration.name).toBe("codspeed-node");

    // `pacer report` makes it: same files as the eager run, details in the record, flame graphs drawn.
    const report = await runPacer(["report", "--json"], { binary: true, cwd: repo.dir, env: HISTORY });
    expect(report.code, report.stderr).toBe(0);
    expect(report.stderr).toContain("Making the profile of run");
    expect(normalized(filesOf(later.folder), later.pids)).toEqual(eagerFiles);
    const done = record(later.folder);
    expect(done.measurements[0]!.profilePending).toBeUndefined();
    expect(done.measurements[0]!.benchmarks.every((b) => typeof b.detail?.folded === "string" && existsSync(join(later.folder, b.detail.folded)))).toBe(true);
    expect(JSON.parse(readFileSync(join(later.folder, "walltime.run.json"), "utf8")).pending).toBeUndefined();
    const html = readFileSync(JSON.parse(report.stdout).html, "utf8");
    expect(html.split('class="frame').length).toBeGreaterThan(10);
    // perf.metadata names the same benchmarks in both ways.
    const uris = (f: string) => (JSON.parse(readFileSync(join(f, "perf.metadata"), "utf8")).uri_by_ts as [number, string][]).map(([, u]) => u).sort();
    expect(uris(later.folder)).toEqual(uris(eager.folder));
    // The JIT symbols went into the perf map exactly once.
    const jitLines = (f: string, pid: number) => readFileSync(join(f, `perf-${pid}.map`), "utf8").split("\n").filter((l) => / JS:/.test(l)).length;
    const before = jitLines(later.folder, later.pids[0]!);
    expect(before).toBeGreaterThan(100);

    // The history kept the flame graphs: the next report makes nothing, the folder is not touched again.
    const again = await runPacer(["report", done.id], { binary: true, cwd: repo.dir, env: HISTORY });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain("Making the profile");
    expect(jitLines(later.folder, later.pids[0]!)).toBe(before);

    // What was made is what the perf data holds: a copy of the folder collects to the same stacks.
    const copy = copyFolder(later.folder);
    try {
      await collectOffline(walltime, copy.dir, UNKNOWN_OUTCOME);
      expect(stacks(copy.dir)).toEqual(stacks(later.folder));
      expect(jitLines(copy.dir, later.pids[0]!)).toBe(before);
    } finally {
      copy.dispose();
    }

    // `pacer upload` of a deferred folder makes the profile first; the archive carries it.
    const third = await run(repo.dir);
    server.reset();
    const up = await runPacer(["upload", "--profile-folder", third.folder, "--upload-url", server.uploadUrl, "--api-url", server.apiUrl, "--token", TOKEN], {
      binary: true,
      cwd: repo.dir,
      env: HISTORY,
    });
    expect(up.code, up.stderr).toBe(0);
    const entries = await archiveEntries(server.uploads.find((u) => u.archive)!.archive!);
    expect(normalized(filesOf(third.folder), third.pids)).toEqual(eagerFiles);
    const names = [...entries.keys()];
    expect(names).toContain("perf.metadata");
    expect(names.filter((n) => n.startsWith("folded/") && n.endsWith(".folded")).length).toBe(filesOf(join(third.folder, "folded")).length);
    expect(names.filter((n) => n.endsWith(".unwind_data")).length).toBe(filesOf(third.folder).filter((n) => n.endsWith(".unwind_data")).length);
    const uploaded = JSON.parse(entries.get("pacer-run.json")!.toString("utf8")) as ReturnType<typeof record>;
    expect(uploaded.measurements[0]!.profilePending).toBeUndefined();
    for (const b of uploaded.measurements[0]!.benchmarks) expect(entries.has(b.detail!.folded!)).toBe(true);
  } finally {
    repo.dispose();
  }
}, 900_000);
