import { expect, test } from "bun:test";
import { closeSync, openSync } from "node:fs";
import { join } from "node:path";

const MODULE = join(import.meta.dir, "console-out.ts");

/** Runs `code` in a child Bun with `import { stdout, stderr, isTerminal }` and the given fds 1 and 2. */
function child(code: string, stdio: { out: number | "pipe"; err: number | "pipe" }) {
  return Bun.spawnSync([process.execPath, "-e", `import { stdout, stderr, isTerminal } from ${JSON.stringify(MODULE)};\n${code}`], {
    stdout: stdio.out,
    stderr: stdio.err,
  });
}

test("a write is whole and in order, bytes and text alike; a pipe is not a terminal", () => {
  const big = "x".repeat(1 << 20);
  const r = child(`stdout.write("a\\n"); stdout.write(new TextEncoder().encode("b\\n")); stdout.write("x".repeat(1 << 20)); stdout.write(String(isTerminal(1)));`, { out: "pipe", err: "pipe" });
  expect(r.exitCode).toBe(0);
  expect(r.stdout!.toString()).toBe(`a\nb\n${big}false`);
});

test("standard output on a full disk is an E_IO error naming it; standard error just stops", () => {
  const full = openSync("/dev/full", "w");
  try {
    const out = child(`try { stdout.write("data\\n"); } catch (e) { stderr.write(e.code + ": " + e.message + "\\n"); process.exit(3); }`, { out: full, err: "pipe" });
    expect(out.exitCode).toBe(3);
    expect(out.stderr!.toString()).toMatch(/^E_IO: Cannot write to standard output: .*(ENOSPC|no space)/i);
    const err = child(`const a = stderr.write("x"); const b = stderr.write("y"); stdout.write(a + " " + b);`, { out: "pipe", err: full });
    expect(err.exitCode).toBe(0);
    expect(err.stdout!.toString()).toBe("false false");
  } finally {
    closeSync(full);
  }
});

test("a reader that went away ends the output quietly: write() says false, nothing is thrown", () => {
  const r = Bun.spawnSync(["bash", "-c", `"$0" -e 'import { stdout, stderr } from ${JSON.stringify(MODULE)}; let n = 0; while (stdout.write("line\\n")) n++; stderr.write("stopped after " + n + "\\n")' | head -1`, process.execPath], { stderr: "pipe" });
  expect(r.exitCode).toBe(0);
  expect(r.stdout.toString()).toBe("line\n");
  expect(r.stderr.toString()).toMatch(/^stopped after \d+\n$/);
});
