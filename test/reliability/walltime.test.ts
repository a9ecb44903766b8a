/**
 * Reliability of the walltime instrument against hostile neighbours, bad integrations, signals and
 * full disks, each case for real: a second local user created here plants the links, a 2 MB tmpfs
 * is the full disk, signals go to the real pacer process. Run it under the test lock (it uses the
 * machine-wide runner FIFOs):
 *   bun test test/reliability/walltime.test.ts
 * PACER_UNDER_TEST=<checkout of another version> runs that version from source instead of
 * dist/pacer, to measure the "before" of docs/reliability/walltime.md.
 */
import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BINARY, ROOT } from "../helpers/pacer.ts";

setDefaultTimeout(240_000);

const UNDER_TEST = process.env.PACER_UNDER_TEST;
const CLI = UNDER_TEST ? [process.execPath, join(UNDER_TEST, "src/cli.ts")] : [BINARY];
const isRoot = process.getuid?.() === 0;
const hasNode = Bun.which("node") !== null;
const hasPerf = Bun.which("perf") !== null;
const canAddUsers = isRoot && Bun.which("useradd") !== null && Bun.which("setpriv") !== null;

const cleanups: Array<() => void> = [];
// Runs pass --skip-setup (a run's setup would set fs.protected_symlinks=1 machine-wide); the value
// the machine had is restored after the file whatever a case did.
const LINKS_SYSCTL = "/proc/sys/fs/protected_symlinks";
const linksAtStart = existsSync(LINKS_SYSCTL) ? readFileSync(LINKS_SYSCTL, "utf8").trim() : undefined;
if (isRoot && linksAtStart !== undefined) cleanups.push(() => writeFileSync(LINKS_SYSCTL, linksAtStart));
afterAll(() => {
  for (const fn of cleanups.reverse()) {
    try {
      fn();
    } catch {
      // keep cleaning
    }
  }
});

function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

/** A project with the tinybench example: a git repository (codspeed-node wants one), its own cwd. */
function project(parent?: string): string {
  const dir = parent ?? tempDir("pacer-rel-wt-proj-");
  Bun.spawnSync(["git", "init", "-q", dir]);
  copyFileSync(join(ROOT, "examples/tinybench/bench.mjs"), join(dir, "bench.mjs"));
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return dir;
}

const listing = (dir: string) => readdirSync(dir).sort();

interface Started {
  proc: ReturnType<typeof Bun.spawn>;
  profile: string;
  tmp: string;
  done: Promise<{ code: number | null; out: string }>;
}

/** Starts pacer with a private TMPDIR (so its temp files can be counted) and a fresh profile folder. */
function start(args: string[], o: { cwd: string; env?: Record<string, string>; profile?: string }): Started {
  const profile = o.profile ?? tempDir("pacer-rel-wt-prof-");
  const tmp = tempDir("pacer-rel-wt-tmp-");
  const proc = Bun.spawn([...CLI, ...args.slice(0, 1), "--mode", "walltime", "--skip-upload", "--skip-setup", "--profile-folder", profile, ...args.slice(1)], {
    cwd: o.cwd,
    env: { ...process.env, PACER_HISTORY: "0", CI: "", GITHUB_ACTIONS: "", TMPDIR: tmp, CODSPEED_LOG: "info", ...o.env } as Record<string, string>,
    stdout: "pipe",
    stderr: "pipe",
    stdin: "ignore",
  });
  const done = Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]).then(([a, b, code]) => ({ code, out: a + b }));
  return { proc, profile, tmp, done };
}

async function until(what: string, ok: () => boolean, ms = 90_000, step = 20): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(step);
  }
}

/** The size of a regular file, 0 for anything else (the shim's link, a file just removed). */
function sizeOf(path: string): number {
  try {
    const st = lstatSync(path);
    return st.isFile() ? st.size : 0;
  } catch {
    return 0;
  }
}

const alive = (pid: number) => existsSync(`/proc/${pid}`);

/** Pids of processes started for this profile folder (their environment names it). */
function processesOf(profile: string): number[] {
  return readdirSync("/proc").filter((n) => /^\d+$/.test(n)).map(Number).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/environ`, "latin1").split("\0").includes(`CODSPEED_PROFILE_FOLDER=${profile}`);
    } catch {
      return false;
    }
  });
}

function jitPid(dir: string): number | undefined {
  const n = readdirSync(dir).find((f) => /^jit-\d+\.dump$/.test(f));
  return n ? Number(/\d+/.exec(n)![0]) : undefined;
}

function readSysctl(name: string): string {
  return readFileSync(`/proc/sys/${name.replaceAll(".", "/")}`, "utf8").trim();
}
function writeSysctl(name: string, value: string): void {
  writeFileSync(`/proc/sys/${name.replaceAll(".", "/")}`, value);
}

/** A second, unprivileged local user, removed after the file; `as(argv)` runs a command as them. */
function evilUser() {
  const name = `pacer-evil-${Math.random().toString(36).slice(2, 8)}`;
  expect(Bun.spawnSync(["useradd", "-M", "-s", "/usr/sbin/nologin", name]).exitCode).toBe(0);
  cleanups.push(() => Bun.spawnSync(["userdel", name]));
  const uid = Number(Bun.spawnSync(["id", "-u", name]).stdout.toString().trim());
  const gid = Number(Bun.spawnSync(["id", "-g", name]).stdout.toString().trim());
  const as = (argv: string[]) => Bun.spawnSync(["setpriv", `--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", ...argv]);
  return { name, uid, as };
}

/** A root-only file holding a random secret. */
function rootSecret(): { path: string; text: string } {
  const text = `pacer-secret-${crypto.randomUUID()}`;
  const path = `/root/secret-${crypto.randomUUID().slice(0, 8)}`;
  writeFileSync(path, `${text}\n`);
  chmodSync(path, 0o600);
  cleanups.push(() => rmSync(path, { force: true }));
  return { path, text };
}

/** The files under `dir` holding `text` (names only, so a failure does not print the secret's neighbours). */
function leaking(dir: string, text: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => readFileSync(f, "latin1").includes(text));
}

/** A benchmark command whose pid is written to `pidFile` and that starts only once `goFile` exists. */
function waitingCommand(pidFile: string, goFile: string, exec: string): string {
  return `echo $$ > ${pidFile}; while [ ! -e ${goFile} ]; do sleep 0.02; done; exec ${exec}`;
}

/** Runs `exec` with a fixed pid, planting `plant(pid)` (default `/tmp/perf-<pid>.map`) -> secret as `evil` before it starts. */
async function runWithPlantedMap(exec: string, evil: ReturnType<typeof evilUser>, secret: string, cwd: string, plant = (pid: number) => `/tmp/perf-${pid}.map`) {
  const ctl = tempDir("pacer-rel-wt-ctl-");
  const [pidFile, goFile] = [join(ctl, "pid"), join(ctl, "go")];
  // start() passes --skip-setup: setup would set fs.protected_symlinks=1, and these cases are about a machine at 0.
  const run = start(["run", "--", "bash", "-c", waitingCommand(pidFile, goFile, exec)], { cwd });
  await until("the benchmark's pid", () => existsSync(pidFile) && readFileSync(pidFile, "utf8").trim() !== "");
  const pid = Number(readFileSync(pidFile, "utf8").trim());
  const map = plant(pid);
  cleanups.push(() => rmSync(map, { force: true }));
  cleanups.push(() => rmSync(`/tmp/perf-${pid}.map`, { force: true }));
  expect(evil.as(["ln", "-s", secret, map]).exitCode).toBe(0);
  writeFileSync(goFile, "");
  const r = await run.done;
  return { ...r, pid, map, profile: run.profile };
}

const NATIVE_BENCH = `${process.execPath} ${join(ROOT, "test/walltime/native-bench.ts")}`;

describe.skipIf(!canAddUsers || !hasPerf || !hasNode)("planted /tmp/perf-<pid>.map links (a second local user)", () => {
  test("a compiled benchmark's map: the root-only target is not copied into the profile folder, and pacer warns", async () => {
    const evil = evilUser();
    const secret = rootSecret();
    const prior = readSysctl("fs.protected_symlinks");
    cleanups.push(() => writeSysctl("fs.protected_symlinks", prior));
    writeSysctl("fs.protected_symlinks", "0");
    const r = await runWithPlantedMap(NATIVE_BENCH, evil, secret.path, project());
    expect(r.out).toContain("native-standin done");
    expect(r.code).toBe(0);
    expect(leaking(r.profile, secret.text)).toEqual([]);
    expect(r.out).toContain(`Ignoring "${r.map}": it is a symbolic link`);
    expect(r.out).toContain("fs.protected_symlinks is 0 and pacer runs as root");
    // The planted link is the other user's: left where it was, not followed, not removed.
    expect(lstatSync(r.map).isSymbolicLink()).toBe(true);
    writeSysctl("fs.protected_symlinks", prior);
  });

  test("node's own map: V8 does not write through the link (even with fs.protected_symlinks=0), and the benchmark still runs", async () => {
    const evil = evilUser();
    const secret = rootSecret();
    const prior = readSysctl("fs.protected_symlinks");
    cleanups.push(() => writeSysctl("fs.protected_symlinks", prior));
    writeSysctl("fs.protected_symlinks", "0");
    const before = statSync(secret.path).mtimeMs;
    const r = await runWithPlantedMap("node bench.mjs", evil, secret.path, project());
    writeSysctl("fs.protected_symlinks", prior);
    expect(readFileSync(secret.path, "utf8") === `${secret.text}\n`).toBe(true);
    expect(statSync(secret.path).mtimeMs).toBe(before);
    expect(r.out).toContain(`pacer: "${r.map}" is not a file of this user`);
    expect(r.code).toBe(0);
    expect(r.out).toContain("json roundtrip");
    expect(leaking(r.profile, secret.text)).toEqual([]);
  });

  test("a jitdump link planted in a shared cwd (sticky, world-writable): V8 does not write through it", async () => {
    const evil = evilUser();
    const secret = rootSecret();
    const prior = readSysctl("fs.protected_symlinks");
    cleanups.push(() => writeSysctl("fs.protected_symlinks", prior));
    writeSysctl("fs.protected_symlinks", "0");
    const shared = tempDir("pacer-rel-wt-shared-");
    chmodSync(shared, 0o1777);
    const r = await runWithPlantedMap("node bench.mjs", evil, secret.path, project(shared), (pid) => join(shared, `jit-${pid}.dump`));
    writeSysctl("fs.protected_symlinks", prior);
    expect(readFileSync(secret.path, "utf8") === `${secret.text}\n`).toBe(true);
    expect(r.out).toContain(`pacer: "${r.map}" is not a file of this user`);
    expect(r.out).toContain("node runs without --perf-prof");
    expect(r.code).toBe(0);
    expect(leaking(r.profile, secret.text)).toEqual([]);
  });

  test("`pacer setup` sets fs.protected_symlinks=1 when root", async () => {
    const prior = readSysctl("fs.protected_symlinks");
    cleanups.push(() => writeSysctl("fs.protected_symlinks", prior));
    writeSysctl("fs.protected_symlinks", "0");
    const s = Bun.spawnSync([...CLI, "setup", "--mode", "walltime"], { env: { ...process.env, TMPDIR: tempDir("pacer-rel-wt-tmp-") }, stdout: "pipe", stderr: "pipe" });
    const setupOut = s.stdout.toString() + s.stderr.toString();
    const after = readSysctl("fs.protected_symlinks");
    writeSysctl("fs.protected_symlinks", prior);
    expect(setupOut).toContain("Setting fs.protected_symlinks=1 (was 0)");
    expect(after).toBe("1");
  });
});

describe.skipIf(!hasNode)("node runs leave the project as it was", () => {
  for (const sig of ["SIGINT", "SIGTERM", "SIGKILL"] as const) {
    test(`${sig} to pacer during a node walltime run: no jitdump or v8 log in the project`, async () => {
      const cwd = project();
      const files = listing(cwd);
      const run = start(["run", "--", "node", "bench.mjs"], { cwd });
      // node is benchmarking once its jitdump (wherever it is written) has grown past the builtins (~1.6 MB).
      const dump = () => [run.profile, cwd].flatMap((d) => (jitPid(d) === undefined ? [] : [join(d, `jit-${jitPid(d)}.dump`)])).find((f) => sizeOf(f) > 2_000_000);
      await until("node's jitdump", () => dump() !== undefined, 90_000, 5);
      const pid = Number(/jit-(\d+)/.exec(dump()!)![1]);
      expect(run.proc.exitCode).toBeNull();
      run.proc.kill(sig);
      const r = await run.done;
      if (sig === "SIGKILL") {
        // pacer cannot clean after itself: its benchmark tree is orphaned. Let it end, then look.
        for (const p of processesOf(run.profile)) process.kill(p, "SIGKILL");
        await until("the orphaned benchmark to end", () => !alive(pid));
        rmSync(`/tmp/perf-${pid}.map`, { force: true });
      } else {
        expect(r.code).toBe(sig === "SIGINT" ? 130 : 143);
        expect(r.out).toContain(`Run interrupted by ${sig}`);
        // The benchmark was stopped on purpose: no blame on perf.
        expect(r.out).not.toContain("perf record did not run the benchmark to completion");
        expect(existsSync(`/tmp/perf-${pid}.map`)).toBe(false);
        expect(listing(run.tmp)).toEqual([]);
      }
      expect(listing(cwd)).toEqual(files);
      expect(readdirSync(run.profile).some((f) => f.startsWith("isolate-"))).toBe(true);
    });
  }

  test.skipIf(!isRoot)("a full disk in the project (2 MB tmpfs cwd): the run succeeds and leaves nothing there", async () => {
    const mnt = tempDir("pacer-rel-wt-full-");
    expect(Bun.spawnSync(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt]).exitCode).toBe(0);
    cleanups.push(() => Bun.spawnSync(["umount", "-l", mnt]));
    const cwd = project(mnt);
    const files = listing(cwd);
    const run = start(["run", "--", "node", "bench.mjs"], { cwd });
    const r = await run.done;
    expect(r.code).toBe(0);
    expect(listing(cwd)).toEqual(files);
    const pid = jitPid(run.profile)!;
    expect(statSync(join(run.profile, `jit-${pid}.dump`)).size).toBeGreaterThan(2 * 2 ** 20);
    expect(existsSync(`/tmp/perf-${pid}.map`)).toBe(false);
  });

  test.skipIf(!isRoot)("a full profile folder (2 MB tmpfs): the project and /tmp are still left as they were", async () => {
    const profile = tempDir("pacer-rel-wt-fullprof-");
    expect(Bun.spawnSync(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", profile]).exitCode).toBe(0);
    cleanups.push(() => Bun.spawnSync(["umount", "-l", profile]));
    const cwd = project();
    const files = listing(cwd);
    const run = start(["run", "--", "node", "bench.mjs"], { cwd, profile });
    await run.done;
    expect(listing(cwd)).toEqual(files);
    const pid = jitPid(profile);
    if (pid !== undefined) expect(existsSync(`/tmp/perf-${pid}.map`)).toBe(false);
  });
});

describe.skipIf(!hasPerf)("an interrupted perf probe", () => {
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    test(`${sig} while the probe records: its FIFO pair does not survive`, async () => {
      const run = start(["run", "--", "true"], { cwd: tempDir("pacer-rel-wt-cwd-") });
      const probeDirs = () => filesOrDirs(run.tmp).filter((p) => p.includes("perf-probe-"));
      await until("the probe's FIFO folder", () => probeDirs().length > 0, 60_000, 2);
      run.proc.kill(sig);
      const r = await run.done;
      expect(r.code).toBe(sig === "SIGINT" ? 130 : 143);
      expect(filesOrDirs(run.tmp)).toEqual([]);
    });
  }
});

function filesOrDirs(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true }).map(String);
  } catch {
    return [];
  }
}

/** A results file written by a bash "integration", for the validation cases (no perf needed). */
async function resultsRun(results: unknown, shell?: string): Promise<{ code: number | null; out: string; profile: string }> {
  const text = typeof results === "string" ? results : JSON.stringify(results);
  const body = shell ?? `cat > "$CODSPEED_PROFILE_FOLDER/results/$$.json" <<'EOF'\n${text}\nEOF`;
  const run = start(["run", "--", "bash", "-c", `mkdir -p "$CODSPEED_PROFILE_FOLDER/results"\n${body}`], { cwd: tempDir("pacer-rel-wt-cwd-"), env: { CODSPEED_PERF_ENABLED: "false" } });
  return { ...(await run.done), profile: run.profile };
}

const STATS = { min_ns: 1000, max_ns: 3000, mean_ns: 1500, stdev_ns: 100, q1_ns: 1200, median_ns: 1400, q3_ns: 1600, rounds: 50, total_time: 0.0001 };
const resultsWith = (benchmarks: Array<{ name: string; uri: string; stats: Record<string, number> }>) => ({
  creator: { name: "bash-standin", version: "1", pid: 1 },
  instrument: { type: "walltime" },
  benchmarks: benchmarks.map((b) => ({ ...b, config: null })),
});

describe("results from integrations are validated", () => {
  test.each([
    ["a non-finite number (1e400)", JSON.stringify(resultsWith([{ name: "big", uri: "x::big", stats: { ...STATS, min_ns: 7 } }])).replace('"min_ns":7', '"min_ns":1e400'), /benchmark "x::big": stats\.min_ns: .*must be a finite number, not Infinity/],
    ["a negative stat", resultsWith([{ name: "neg", uri: "x::neg", stats: { ...STATS, mean_ns: -1 } }]), /benchmark "x::neg": stats\.mean_ns: .*must be at least 0, not -1/],
    ["zero rounds", resultsWith([{ name: "zero", uri: "x::zero", stats: { ...STATS, rounds: 0 } }]), /benchmark "x::zero": stats\.rounds: .*must be at least 1, not 0/],
  ])("%s: an error naming the file and the benchmark", async (_, results, message) => {
    const r = await resultsRun(results);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Cannot read walltime results "[^"]+\/results\/\d+\.json": /);
    expect(r.out).toMatch(message);
    expect(r.out).not.toContain("Infinity s");
  });

  test("a results path that is a folder: an error naming it", async () => {
    const r = await resultsRun(undefined, `mkdir "$CODSPEED_PROFILE_FOLDER/results/1.json"`);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Cannot read walltime results "[^"]+\/results\/1\.json": it is a folder/);
    expect(r.out).not.toContain("EISDIR");
  });

  test("duplicate URIs: a warning, and the table and the run record keep both", async () => {
    const twice = resultsWith([{ name: "dup", uri: "x::dup", stats: STATS }, { name: "dup", uri: "x::dup", stats: { ...STATS, min_ns: 2000 } }]);
    const r = await resultsRun(twice);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Benchmark "x::dup" is reported 2 times');
    expect(r.out).toMatch(/│ dup \(2\)\s/);
    const record = JSON.parse(readFileSync(join(r.profile, "pacer-run.json"), "utf8"));
    const uris = record.measurements.flatMap((m: { benchmarks: Array<{ uri: string }> }) => m.benchmarks.map((b) => b.uri));
    expect(uris).toEqual(["x::dup", "x::dup (2)"]);
  });
});

describe.skipIf(!hasPerf)("messages", () => {
  test("a runner FIFO error is not followed by a spurious perf line", async () => {
    // Under the test lock no other pacer serves the FIFOs: a regular file in the way fails at once.
    const ack = "/tmp/runner.ack.fifo";
    if (existsSync(ack)) rmSync(ack);
    writeFileSync(ack, "");
    cleanups.push(() => rmSync(ack, { force: true }));
    const r = await start(["run", "--", "true"], { cwd: tempDir("pacer-rel-wt-cwd-") }).done;
    rmSync(ack, { force: true });
    expect(r.code).toBe(1);
    expect(r.out).toContain("the path exists and is not a FIFO");
    expect(r.out).not.toContain("perf record did not run the benchmark to completion");
  });
});

