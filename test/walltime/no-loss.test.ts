/**
 * No loss of information from the walltime speed-ups (issue 16): the tinybench example run the old
 * way (fresh probe: PACER_PROBE_CACHE=0; every native symbol: PACER_PERF_MAP_SYMBOLS=all) and the
 * new way (probe from the per-machine cache; symbols of sampled addresses only), both uploaded to
 * the loopback upload server. The two runs sample differently, so what must match exactly is what
 * does not depend on the samples: the profile folder's files, the benchmark set, the upload
 * archive's file list; the folded stacks of each run collect again offline to the same frames; and
 * on the new run's own perf data, every sampled address resolves to the same native symbol under
 * the sampled perf map as under the full symbol tables.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import walltime from "../../plugins/walltime/index.ts";
import { perfScriptArgv, streamPerfScript } from "../../plugins/walltime/perf/perf-script-run.ts";
import { writeNativeSymbols } from "../../plugins/walltime/symbols/native-symbols.ts";
import { archiveEntries, filesOf, normalized } from "../helpers/folder-files.ts";
import { collectOffline, copyFolder, exampleInGitRepo, UNKNOWN_OUTCOME } from "../helpers/offline-collect.ts";
import { hasBinary, perfRecordsNode, runPacer } from "../helpers/pacer.ts";
import { startUploadServer, type UploadServer } from "../helpers/upload-server.ts";

const TOKEN = "tok-no-loss-0123456789";
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

interface Way {
  folder: string;
  pids: number[];
  uris: string[];
  archive: string[];
  stderr: string;
}

async function runWay(repo: string, env: Record<string, string>): Promise<Way> {
  const folder = mkdtempSync(join(tmpdir(), "pacer-no-loss-"));
  made.push(folder);
  server.reset();
  const r = await runPacer(
    ["run", "--mode", "walltime", "--skip-setup", "--json", "--profile-folder", folder, "--upload-url", server.uploadUrl, "--api-url", server.apiUrl, "--token", TOKEN, "--", "node", "bench.mjs"],
    { binary: true, cwd: repo, env: { PACER_LOG: "debug", ...env }, timeoutMs: 300_000 },
  );
  expect(r.code, r.stderr.slice(-2000)).toBe(0);
  const run = JSON.parse(r.stdout).runs[0];
  const up = server.uploads.find((u) => u.archive);
  expect(up).toBeDefined();
  const pids = JSON.parse(readFileSync(join(folder, "walltime.run.json"), "utf8")).benchmarkPids as number[];
  return { folder, pids, uris: run.measurements[0].benchmarks.map((b: { uri: string }) => b.uri).sort(), archive: [...(await archiveEntries(up!.archive!)).keys()], stderr: r.stderr };
}

test.skipIf(skip)("the old and the new way leave the same files, benchmarks, upload archive and symbol answers", async () => {
  const repo = exampleInGitRepo("tinybench");
  const cache = mkdtempSync(join(tmpdir(), "pacer-no-loss-cache-"));
  made.push(cache);
  try {
    const old = await runWay(repo.dir, { PACER_PROBE_CACHE: "0", PACER_PERF_MAP_SYMBOLS: "all", XDG_CACHE_HOME: cache });
    expect(readdirSync(cache)).toEqual([]);
    // The first new-way run stores the probe, the second uses it.
    await runWay(repo.dir, { XDG_CACHE_HOME: cache });
    const now = await runWay(repo.dir, { XDG_CACHE_HOME: cache });
    expect(now.stderr).toContain("Probe result from the cache");
    expect(old.stderr).not.toContain("Probe result from the cache");

    expect(now.uris.length).toBeGreaterThan(1);
    expect(now.uris).toEqual(old.uris);
    const oldFiles = normalized(filesOf(old.folder), old.pids);
    expect(normalized(filesOf(now.folder), now.pids)).toEqual(oldFiles);
    expect(oldFiles).toContain("perf.metadata");
    expect(oldFiles.filter((f) => f.startsWith("folded/")).length).toBe(now.uris.length);
    expect(normalized(now.archive, now.pids)).toEqual(normalized(old.archive, old.pids));
    expect(now.archive).toContain("perf.pipedata");

    // Folded stacks: a copy of each run's folder collects offline (perf script again) to the same
    // stacks, frame for frame, as the run wrote.
    const stacks = (dir: string) => filesOf(join(dir, "folded")).sort().map((f) => readFileSync(join(dir, "folded", f), "utf8"));
    for (const way of [old, now]) {
      const copy = copyFolder(way.folder);
      try {
        const offline = await collectOffline(walltime, copy.dir, UNKNOWN_OUTCOME);
        expect(offline!.benchmarks.map((b) => b.uri).sort()).toEqual(way.uris);
        expect(stacks(copy.dir)).toEqual(stacks(way.folder));
      } finally {
        copy.dispose();
      }
      const frames = new Set(stacks(way.folder).flatMap((t) => t.split("\n").flatMap((l) => l.replace(/ \d+$/, "").split(";"))));
      expect(frames.size).toBeGreaterThan(3);
    }

    // The sampled perf map answers every sampled address as the full symbol tables do.
    const sampled = new Map<number, Set<bigint>>();
    const pipedata = join(now.folder, "perf.pipedata");
    const mmaps = await streamPerfScript(perfScriptArgv("perf", pipedata), (s) => {
      let ips = sampled.get(s.pid);
      if (!ips) sampled.set(s.pid, (ips = new Set()));
      for (const f of s.frames) ips.add(BigInt(`0x${f.ip}`));
    });
    const full = mkdtempSync(join(tmpdir(), "pacer-no-loss-full-"));
    const part = mkdtempSync(join(tmpdir(), "pacer-no-loss-part-"));
    made.push(full, part);
    const fullSummary = writeNativeSymbols(full, now.pids, mmaps, () => {});
    const partSummary = writeNativeSymbols(part, now.pids, mmaps, () => {}, sampled);
    expect(partSummary.unwindFiles).toBe(fullSummary.unwindFiles);
    expect(partSummary.symbols).toBeLessThan(fullSummary.symbols);
    const parse = (f: string) =>
      readFileSync(f, "utf8").trim().split("\n").map((l) => {
        const [start, size, ...name] = l.split(" ");
        return { start: BigInt(`0x${start}`), end: BigInt(`0x${start}`) + BigInt(`0x${size}`), name: name.join(" ") };
      });
    let resolved = 0;
    for (const pid of now.pids) {
      const a = parse(join(full, `perf-${pid}.map`));
      const b = parse(join(part, `perf-${pid}.map`));
      for (const ip of sampled.get(pid) ?? []) {
        const names = (m: typeof a) => m.filter((s) => s.start <= ip && ip < s.end).map((s) => s.name).sort();
        expect(names(b)).toEqual(names(a));
        if (names(a).length) resolved++;
      }
    }
    expect(resolved).toBeGreaterThan(0);
    // The run's own perf map holds the JIT lines plus the sampled native symbols.
    const runMap = readFileSync(join(now.folder, `perf-${now.pids[0]}.map`), "utf8");
    expect(runMap.split("\n").length).toBeLessThan(readFileSync(join(old.folder, `perf-${old.pids[0]}.map`), "utf8").split("\n").length);
  } finally {
    repo.dispose();
  }
}, 900_000);
