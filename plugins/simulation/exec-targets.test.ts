import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PacerError } from "../../src/index.ts";
import { checkExecTarget, resolveProgram } from "./exec-targets.ts";

const hasGcc = Bun.which("gcc") !== null;
const dir = mkdtempSync(join(tmpdir(), "pacer-sim-exec-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("checkExecTarget()", () => {
  test("accepts a dynamically linked program found on PATH", () => {
    expect(checkExecTarget(["true"], "/", "/nonexistent:/usr/bin:/bin")).toMatch(/\/true$/);
  });

  test("accepts a script (not ELF)", () => {
    const script = join(dir, "s.sh");
    writeFileSync(script, "#!/bin/sh\necho hi\n");
    chmodSync(script, 0o755);
    expect(checkExecTarget(["./s.sh"], dir, "")).toBe(script);
  });

  test("reports a program that does not exist", () => {
    expect(() => checkExecTarget(["no-such-program-pacer"], "/", "/usr/bin")).toThrow('Cannot find the program "no-such-program-pacer"');
  });

  test.skipIf(!hasGcc)("refuses a statically linked executable with the reason and the ways out", async () => {
    const src = join(dir, "st.c");
    writeFileSync(src, "int main(void){return 0;}\n");
    const exe = join(dir, "st");
    const cc = Bun.spawnSync(["gcc", "-static", "-o", exe, src]);
    expect(cc.exitCode).toBe(0);
    let err: unknown;
    try {
      checkExecTarget([exe], dir, "");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PacerError);
    expect((err as PacerError).message).toBe(`Cannot measure "${exe}" in CPU simulation mode: the executable is statically linked`);
    expect((err as PacerError).hint).toContain("use a dynamically linked executable");
    expect((err as PacerError).hint).toContain("CodSpeed framework benchmark integrations");
  });
});

test("resolveProgram() resolves relative paths against the working directory", () => {
  expect(resolveProgram("../bin/true", "/usr/lib", "")).toBe("/usr/bin/true");
  expect(resolveProgram("true", "/", "")).toBeUndefined();
});
