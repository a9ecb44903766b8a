/**
 * Reliability cases of the core (issue 11 items 2, 5, 6, 7, 9), each reproduced for real against
 * the compiled binary: a raw FIFO client flooding the runner, a child holding the output open,
 * output without newlines, tokens in the environment, unwritable and full profile folders (real
 * tmpfs mounts, unmounted in `finally`).
 *
 * Runs that serve the runner FIFOs (walltime with perf) are marked `lock`: the FIFO paths are
 * machine-wide, and pacer's own FIFO lock makes a second run wait. The others pass `--disable-perf`,
 * which creates no FIFO.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BINARY, hasBinary, which } from "../helpers/pacer.ts";

const FLOOD = join(import.meta.dir, "fixtures/fifo-flood.ts");
const isRoot = process.getuid?.() === 0;
const work = mkdtempSync(join(tmpdir(), "pacer-reliability-core-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs dist/pacer (`lock` marks runs that serve the machine-wide FIFOs; pacer's own FIFO lock serialises them). */
async function pacer(args: string[], o: { env?: Record<string, string>; cwd?: string; lock?: boolean; onStart?: (p: Bun.Subprocess) => void } = {}): Promise<Run> {
  const argv = [BINARY, ...args];
  const started = performance.now();
  const proc = Bun.spawn(argv, {
    cwd: o.cwd ?? work,
    env: { ...process.env, PACER_HISTORY: "0", CI: "", GITHUB_ACTIONS: "", ...o.env } as Record<string, string>,
    stdout: "pipe",
    stderr: "pipe",
    stdin: "ignore",
  });
  o.onStart?.(proc);
  const timer = setTimeout(() => proc.kill("SIGKILL"), 170_000);
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  clearTimeout(timer);
  return { code, stdout, stderr, ms: performance.now() - started };
}

function folder(name: string): string {
  return join(work, name);
}

function lines(text: string, pattern: RegExp): number {
  return text.split("\n").filter((l) => pattern.test(l)).length;
}

const perfMissing = !which("perf");
const run = (profile: string, cmd: string, extra: string[] = []) => ["run", "--mode", "walltime", "--skip-upload", "--allow-empty", "--profile-folder", profile, ...extra, "--", cmd];

describe("a client flooding the runner FIFO", () => {
  test.skipIf(!hasBinary() || perfMissing)("100 StartBenchmark frames ask perf once and warn once", async () => {
    const pf = folder("flood-start");
    const r = await pacer(run(pf, `${process.execPath} ${FLOOD} StartBenchmark 100 60000`), { lock: true });
    const client = JSON.parse((r.stdout + r.stderr).split("\n").find((l) => l.startsWith("{\"kind\"")) ?? JSON.stringify(`exit ${r.code}: ${r.stderr.slice(-800)}`));
    expect(client).toMatchObject({ answered: 100 });
    const log = readFileSync(join(pf, "runner.log"), "utf8");
    // Before: one perf round-trip per frame (~400 ms each when perf is slow: 38.5 s for 100).
    expect(lines(log, /perf enable acked/)).toBe(1);
    expect(lines(r.stderr, /Received duplicate StartBenchmark command, ignoring$/)).toBe(1);
    expect(r.stderr).toContain("Received duplicate StartBenchmark command, ignoring (repeated 98 more times)");
  }, 180_000);

  test.skipIf(!hasBinary() || perfMissing)("20,000 PingPerf frames are all answered, with a bounded number of perf pings", async () => {
    const pf = folder("flood-ping");
    const r = await pacer(run(pf, `${process.execPath} ${FLOOD} PingPerf 20000 120000`), { lock: true });
    const client = JSON.parse((r.stdout + r.stderr).split("\n").find((l) => l.startsWith("{\"kind\"")) ?? JSON.stringify(`exit ${r.code}: ${r.stderr.slice(-800)}`));
    expect(client).toMatchObject({ answered: 20_000 });
    // Before: one perf ping per frame, still answering after 120 s.
    expect(lines(readFileSync(join(pf, "runner.log"), "utf8"), /perf ping acked/)).toBeLessThan(2000);
    // Slow answers are reported once, with a count, not once per frame.
    expect(lines(r.stderr, /Answering a FIFO command took/)).toBeLessThanOrEqual(2);
  }, 180_000);

  test.skipIf(!hasBinary() || perfMissing)("SIGTERM during an endless ping flood acts within seconds and leaves no FIFO", async () => {
    const pf = folder("flood-sigterm");
    let proc: Bun.Subprocess | undefined;
    let signalledAt = 0;
    const running = pacer(run(pf, `${process.execPath} ${FLOOD} PingPerf 100000000 600000`), { lock: true, onStart: (p) => (proc = p) });
    // Wait until the flood is being answered (the client's frames show in runner.log).
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const log = existsSync(join(pf, "runner.log")) ? readFileSync(join(pf, "runner.log"), "utf8") : "";
      if (lines(log, /perf ping acked/) >= 5) break;
      await Bun.sleep(200);
    }
    const pacerPid = proc!.pid;
    signalledAt = performance.now();
    process.kill(pacerPid, "SIGTERM");
    const r = await running;
    const tookMs = performance.now() - signalledAt;
    expect(r.code).toBe(143);
    expect(r.stderr).toContain("Run interrupted by SIGTERM");
    // Before: 30.6 s (each queued ping waited out perf's 400 ms after perf had stopped). Now ~1-2 s;
    // bound generously for a loaded 2-core machine.
    expect(tookMs).toBeLessThan(10_000);
    expect(existsSync("/tmp/runner.ctl.fifo")).toBe(false);
    expect(Bun.spawnSync(["pgrep", "-f", "fifo-flood.ts PingPerf 100000000"]).exitCode).toBe(1);
  }, 180_000);
});

describe("the benchmark's output", () => {
  test.skipIf(!hasBinary())("a child holding stdout open is stopped after the grace period, with a warning", async () => {
    const marker = `sleep 25.${Math.floor(Math.random() * 1e6)}`;
    const r = await pacer(run(folder("held-stdout"), `${marker} & echo hi`, ["--disable-perf"]), { env: { PACER_OUTPUT_GRACE_MS: "500" } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("hi");
    expect(r.stderr).toMatch(/A process of the benchmark \(pid \d+\) still holds its output open: stopping the process group/);
    // Before: 25 s of silent waiting. Pacer's own start-up is a few seconds on a loaded machine.
    expect(r.ms).toBeLessThan(20_000);
    expect(Bun.spawnSync(["pgrep", "-f", `^${marker.replace(".", "\\.")}$`]).exitCode).toBe(1);
  }, 60_000);

  test.skipIf(!hasBinary() || !which("setsid"))("a holder that left the process group (setsid) is out of reach: pacer stops reading", async () => {
    const marker = `sleep 26.${Math.floor(Math.random() * 1e6)}`;
    try {
      const r = await pacer(run(folder("held-setsid"), `setsid ${marker} & echo hi`, ["--disable-perf"]), { env: { PACER_OUTPUT_GRACE_MS: "500" } });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain("still holds its output open: stopping the process group");
      expect(r.ms).toBeLessThan(20_000);
    } finally {
      const found = Bun.spawnSync(["pgrep", "-f", `^${marker.replace(".", "\\.")}$`]).stdout.toString().trim();
      for (const pid of found.split("\n").filter(Boolean)) process.kill(Number(pid), "SIGKILL");
    }
  }, 60_000);

  test.skipIf(!hasBinary())("100 MB without newlines costs about what 100 MB of lines costs (linear tee)", async () => {
    const size = 100 * 1024 * 1024;
    const flat = join(work, "flat.txt");
    const lined = join(work, "lined.txt");
    writeFileSync(flat, Buffer.alloc(size, "a"));
    const line = Buffer.from("a".repeat(99) + "\n");
    writeFileSync(lined, Buffer.concat(Array.from({ length: size / line.length }, () => line)));
    const withLines = await pacer(run(folder("tee-lined"), `cat ${lined}`, ["--disable-perf"]));
    const without = await pacer(run(folder("tee-flat"), `cat ${flat}`, ["--disable-perf"]));
    rmSync(flat);
    rmSync(lined);
    expect(withLines.code).toBe(0);
    expect(without.code).toBe(0);
    expect(without.stdout.length).toBe(size);
    // Before: 0.76 / 7.3 / 33.5 s for 20 / 100 / 200 MB without newlines vs 0.97 s for 200 MB of lines.
    expect(without.ms / withLines.ms).toBeLessThan(3);
    // runner.log holds all of it, in pieces of a bounded length.
    const logSize = statSync(join(folder("tee-flat"), "runner.log")).size;
    expect(logSize).toBeGreaterThan(size);
  }, 180_000);
});

describe("tokens", () => {
  const TOKEN = "pacer-test-token-0123456789abcdef";

  test.skipIf(!hasBinary())("the benchmark does not inherit CODSPEED_TOKEN, and a printed token is masked on the console and in runner.log", async () => {
    const pf = folder("token");
    // The token is printed in two writes 300 ms apart, so it reaches pacer in two chunks.
    const cmd = `echo "env:[$CODSPEED_TOKEN]"; printf '%s' 'half ${TOKEN.slice(0, 10)}'; sleep 0.3; printf '%s end\\n' '${TOKEN.slice(10)}'`;
    const r = await pacer(run(pf, cmd, ["--disable-perf"]), { env: { CODSPEED_TOKEN: TOKEN } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("env:[]");
    expect(r.stdout).toContain("half *** end");
    const log = readFileSync(join(pf, "runner.log"), "utf8");
    expect(r.stdout + r.stderr + log).not.toContain(TOKEN);
    expect(log).toContain("half *** end");
  }, 60_000);

  test.skipIf(!hasBinary())("PACER_PASS_TOKEN=1 hands the token over, still masked on the console", async () => {
    const r = await pacer(run(folder("token-pass"), 'echo "env:[$CODSPEED_TOKEN]"', ["--disable-perf"]), { env: { CODSPEED_TOKEN: TOKEN, PACER_PASS_TOKEN: "1" } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("env:[***]");
    expect(r.stdout).not.toContain(TOKEN);
  }, 60_000);
});

/** Mounts a tmpfs at a fresh folder for `fn`, unmounted (and removed) whatever happens. */
async function withTmpfs<T>(options: string, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(work, "mnt-"));
  const m = Bun.spawnSync(["mount", "-t", "tmpfs", "-o", options, "tmpfs", dir]);
  if (m.exitCode !== 0) throw new Error(`mount failed: ${m.stderr.toString()}`);
  try {
    return await fn(dir);
  } finally {
    Bun.spawnSync(["umount", dir]);
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectCleanError(r: Run): void {
  expect(r.stderr).not.toContain("Unexpected error");
  expect(r.stderr).not.toMatch(/at .*src\/[\w/-]+\.ts/);
  expect(r.stderr).not.toContain("Bun v");
}

describe("unwritable and full profile folders", () => {
  test.skipIf(!hasBinary())("--profile-folder /proc is refused up front, naming the folder and the free space", async () => {
    const r = await pacer(run("/proc", "true", ["--disable-perf"]));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Cannot write to the profile folder "\/proc" \(.* free\): /);
    expectCleanError(r);
  }, 60_000);

  test.skipIf(!hasBinary())("a runner.log planted as a symlink is refused, not written through", async () => {
    const pf = folder("planted-log");
    const target = join(work, "not-a-log.txt");
    writeFileSync(target, "keep me");
    mkdirSync(pf);
    symlinkSync(target, join(pf, "runner.log"));
    const r = await pacer(run(pf, "true", ["--disable-perf"]));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Cannot open the log file "${join(pf, "runner.log")}": ELOOP`);
    expect(readFileSync(target, "utf8")).toBe("keep me");
    expectCleanError(r);
  }, 60_000);

  test.skipIf(!hasBinary() || !isRoot)("a read-only mount is refused up front with EROFS and the folder", async () => {
    await withTmpfs("ro,size=1m", async (dir) => {
      const r = await pacer(run(dir, "true", ["--disable-perf"]));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`Cannot write to the profile folder "${dir}"`);
      expect(r.stderr).toContain("EROFS");
      expectCleanError(r);
    });
  }, 60_000);

  test.skipIf(!hasBinary() || !isRoot)("a 2 MB tmpfs that fills up: named, no 0-byte record, history row not partial", async () => {
    const repo = mkdtempSync(join(work, "repo-"));
    Bun.spawnSync(["git", "init", "-q", repo]);
    await withTmpfs("size=2m", async (dir) => {
      const pf = join(dir, "p");
      const r = await pacer(run(pf, "head -c 3000000 /dev/zero | tr '\\0' a | fold -w 100", ["--disable-perf"]), { cwd: repo, env: { PACER_HISTORY: "" } });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/Profile folder ".*" has only 2 MB free: the run may fill it/);
      expect(r.stderr).toMatch(/Cannot write ".*runner\.log": ENOSPC/);
      expect(r.stderr).toMatch(/Cannot write the run record ".*pacer-run\.json" \(.* free\): ENOSPC/);
      expectCleanError(r);
      // The record is whole or absent, never a 0-byte file; no temporary file is left.
      const record = join(pf, "pacer-run.json");
      if (existsSync(record)) expect(JSON.parse(readFileSync(record, "utf8")).status).toBe("failed");
      expect(readdirSync(pf).filter((f) => f.endsWith(".tmp"))).toEqual([]);
      const runs = await pacer(["runs", "--json"], { cwd: repo, env: { PACER_HISTORY: "" } });
      const rows = (JSON.parse(runs.stdout) as { runs: { status: string; error?: string }[] }).runs;
      expect(rows.map((x) => x.status)).toEqual(["failed"]);
    });
  }, 120_000);
});
