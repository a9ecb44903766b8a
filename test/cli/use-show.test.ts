/**
 * `pacer use` / `pacer show` from a real bash (the shell session is bash's pid), the mode priority
 * of `pacer exec` (--mode / CODSPEED_RUNNER_MODE > shell session > default), CodSpeed's folder, and
 * the shared-folder guards (symlinked, open or foreign folder; symlinked file).
 */
import { afterAll, beforeEach, describe, expect, test } from "bun:test";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BINARY, hasBinary } from "../helpers/pacer.ts";

const root = mkdtempSync(join(tmpdir(), "pacer-use-"));
const runtime = join(root, "runtime");
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => {
  rmSync(runtime, { recursive: true, force: true });
  mkdirSync(runtime, { mode: 0o700 });
});

/** Runs a bash script with `pacer` on PATH and the test's XDG_RUNTIME_DIR. */
function bash(script: string, env: Record<string, string> = {}) {
  const bin = join(root, "bin");
  if (!existsSync(bin)) {
    mkdirSync(bin);
    symlinkSync(BINARY, join(bin, "pacer"));
  }
  const r = Bun.spawnSync(["bash", "-c", script], {
    cwd: root,
    env: { PATH: `${bin}:${process.env.PATH}`, XDG_RUNTIME_DIR: runtime, PACER_HISTORY: "0", HOME: root, ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  return { code: r.exitCode, out: r.stdout.toString(), err: r.stderr.toString() };
}

describe.skipIf(!hasBinary())("pacer use / show (built binary, real bash)", () => {
  test("a mode set in a shell is shown there and in its children, not in another shell", () => {
    const r = bash(`pacer show; pacer use walltime; pacer show; bash -c 'pacer show --json'`);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split("\n");
    expect(lines[0]).toBe("No mode set for this shell session");
    expect(lines[1]).toMatch(/^Mode for this shell session \(pid \d+\): walltime$/);
    expect(lines[2]).toBe("walltime");
    expect(JSON.parse(lines[3]!)).toMatchObject({ schema: "pacer.show/1", modes: ["walltime"] });
    expect(bash("pacer show").out).toBe("No mode set for this shell session\n");
  });

  test.skipIf(Bun.which("valgrind") === null)("exec runs in the session's mode; --mode and CODSPEED_RUNNER_MODE take precedence", () => {
    const r = bash(
      [
        "pacer use simulation >/dev/null",
        "pacer exec --skip-upload --profile-folder p1 -- /bin/true",
        "pacer exec --skip-upload --mode walltime --warmup-time 0 --max-rounds 2 --profile-folder p2 -- /bin/true",
        "CODSPEED_RUNNER_MODE=walltime pacer exec --skip-upload --warmup-time 0 --max-rounds 2 --profile-folder p3 -- /bin/true",
      ].join(" && "),
    );
    expect(r.code, r.err).toBe(0);
    expect(existsSync(join(root, "p1", "simulation.run.json"))).toBe(true);
    expect(existsSync(join(root, "p2", "simulation.run.json"))).toBe(false);
    expect(existsSync(join(root, "p3", "simulation.run.json"))).toBe(false);
    for (const p of ["p1", "p2", "p3"]) rmSync(join(root, p), { recursive: true, force: true });
  }, 120_000);

  test("a mode set by `codspeed use` (its folder, JSON string) counts too", () => {
    const r = bash(`mkdir -m 700 "$XDG_RUNTIME_DIR/codspeed_use_mode" && printf '"memory"' > "$XDG_RUNTIME_DIR/codspeed_use_mode/$$" && pacer show`);
    expect(r.out).toBe("memory\n");
  });

  test("an unknown mode is a usage error with a suggestion", () => {
    const r = bash("pacer use waltime");
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown mode "waltime", did you mean "walltime"?');
  });

  test("a symlinked folder (planted in /tmp) is refused by use and ignored by show", () => {
    const elsewhere = join(root, "elsewhere");
    mkdirSync(elsewhere, { recursive: true, mode: 0o700 });
    symlinkSync(elsewhere, join(runtime, "pacer_use_mode"));
    const use = bash("pacer use walltime");
    expect(use.code).toBe(1);
    expect(use.err).toContain(`Refusing to use "${join(runtime, "pacer_use_mode")}" for the shell session mode: it is a symlink`);
    const show = bash("pacer show");
    expect(show.out).toBe("No mode set for this shell session\n");
    expect(show.err).toContain("it is a symlink");
  });

  test("a folder others can write to is refused", () => {
    mkdirSync(join(runtime, "pacer_use_mode"));
    chmodSync(join(runtime, "pacer_use_mode"), 0o777);
    const r = bash("pacer use walltime");
    expect(r.code).toBe(1);
    expect(r.err).toContain("its mode is 777, not 700");
  });

  test.skipIf(process.getuid?.() !== 0)("a folder owned by another user (nobody, uid 65534) is refused", () => {
    mkdirSync(join(runtime, "pacer_use_mode"), { mode: 0o700 });
    chownSync(join(runtime, "pacer_use_mode"), 65534, 65534);
    const r = bash("pacer use walltime");
    expect(r.code).toBe(1);
    expect(r.err).toContain("it is owned by uid 65534");
  });

  test("a symlink in place of the shell's file is not followed", () => {
    mkdirSync(join(runtime, "pacer_use_mode"), { mode: 0o700 });
    writeFileSync(join(root, "planted"), '"memory"');
    const r = bash(`ln -s "${join(root, "planted")}" "$XDG_RUNTIME_DIR/pacer_use_mode/$$" && pacer show`);
    expect(r.out).toBe("No mode set for this shell session\n");
  });
});
