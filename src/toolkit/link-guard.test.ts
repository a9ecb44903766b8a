import { describe, expect, test } from "bun:test";
import type { ExecResult, PluginContext } from "../plugin/types.ts";
import { linkGuard } from "./link-guard.ts";

const root = { isRoot: true };

/** A setup context that records what it would run and log (no sysctl is written). */
function setupCtx(isRoot: boolean, answer: ExecResult = { code: 0, stdout: "", stderr: "" }) {
  const ran: string[][] = [];
  const logs: string[] = [];
  const ctx = {
    system: { isRoot },
    log: { debug() {}, info: (m: string) => logs.push(`info ${m}`), warn: (m: string) => logs.push(`warn ${m}`), error() {} },
    exec: async (argv: string[]) => (ran.push(argv), answer),
  } as unknown as Pick<PluginContext, "system" | "log" | "exec">;
  return { ctx, ran, logs };
}

describe("linkGuard", () => {
  test("feature(): checked for root runs on Linux only", () => {
    expect(linkGuard(() => 1, "linux").feature(root)).toEqual({ enabled: true, value: 1 });
    expect(linkGuard(() => 0, "linux").feature(root)).toEqual({
      enabled: false,
      value: 0,
      reason: "is 0, pacer wants 1: as root, a benchmark writing its perf map follows links other users plant in /tmp (setup sets it)",
    });
    expect(linkGuard(() => undefined, "linux").feature(root)).toEqual({ enabled: false, reason: 'cannot read "fs.protected_symlinks"' });
    expect(linkGuard(() => 0, "linux").feature({ isRoot: false })).toBeUndefined();
    expect(linkGuard(() => 0, "darwin").feature(root)).toBeUndefined();
  });

  test("key() changes with the sysctl", () => {
    expect(linkGuard(() => 0, "linux").key()).toBe("fs.protected_symlinks=0");
    expect(linkGuard(() => 1, "linux").key()).toBe("fs.protected_symlinks=1");
    expect(linkGuard(() => undefined, "linux").key()).toBe("fs.protected_symlinks=?");
  });

  test("warning(): only for a probe that found the guard off", () => {
    const g = linkGuard(() => 0, "linux");
    const off = { status: "degraded" as const, features: { "fs.protected_symlinks": g.feature(root)! }, reasons: [] };
    expect(g.warning(off)).toContain("fs.protected_symlinks is 0 and pacer runs as root");
    expect(g.warning(off)).toContain("run `pacer setup` (sysctl -w fs.protected_symlinks=1)");
    expect(g.warning({ ...off, features: { "fs.protected_symlinks": { enabled: true, value: 1 } } })).toBeUndefined();
    expect(g.warning({ ...off, features: {} })).toBeUndefined();
    expect(g.warning(undefined)).toBeUndefined();
  });

  test("setup(): sets it to 1 when off for root, says so, and warns when sysctl fails", async () => {
    const off = setupCtx(true);
    await linkGuard(() => 0, "linux").setup(off.ctx);
    expect(off.ran).toEqual([["sysctl", "-w", "fs.protected_symlinks=1"]]);
    expect(off.logs).toEqual(["info Setting fs.protected_symlinks=1 (was 0)"]);

    for (const [value, isRoot] of [[1, true], [0, false]] as const) {
      const nothing = setupCtx(isRoot);
      await linkGuard(() => value, "linux").setup(nothing.ctx);
      expect(nothing.ran).toEqual([]);
    }

    const failing = setupCtx(true, { code: 255, stdout: "", stderr: "sysctl: permission denied on key \"fs.protected_symlinks\"" });
    await linkGuard(() => 0, "linux").setup(failing.ctx);
    expect(failing.logs.at(-1)).toBe('warn Cannot set fs.protected_symlinks=1: sysctl: permission denied on key "fs.protected_symlinks"');
  });
});
