import { describe, expect, test } from "bun:test";
import type { ExecResult, PluginContext, ProbeResult } from "../../../src/index.ts";
import { readSysctl, WANTED_SYSCTLS } from "./probe-sysctls.ts";
import { perfPackages, setup } from "./setup.ts";

const probed: ProbeResult = { status: "degraded", features: {}, reasons: [], needsSetup: true };

/** A context whose exec only records calls and answers `perf --version` as `answer` says. */
function recordingCtx(opts: { skipSetup?: boolean; perf?: boolean; root?: boolean }) {
  const calls: string[][] = [];
  const logs: string[] = [];
  const ok: ExecResult = { code: 0, stdout: "perf version 6.1.187\n", stderr: "" };
  const ctx = {
    flags: { skipSetup: opts.skipSetup ?? false, allowEmpty: false },
    system: { os: "debian", kernel: "6.1.0-18-amd64", isRoot: opts.root ?? true, hasApt: true },
    log: { debug: () => {}, info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) },
    exec: async (argv: string[]) => {
      calls.push(argv);
      if (argv.includes("--version")) return opts.perf === false ? { code: null, stdout: "", stderr: "", spawnError: "ENOENT" } : ok;
      return { code: 0, stdout: "", stderr: "" };
    },
  } as unknown as PluginContext;
  return { ctx, calls, logs };
}

describe("setup()", () => {
  test("changes nothing with --skip-setup", async () => {
    const { ctx, calls } = recordingCtx({ skipSetup: true, perf: false });
    await setup(ctx, probed);
    expect(calls).toEqual([]);
  });

  test("installs perf with apt only when no working perf exists", async () => {
    const missing = recordingCtx({ perf: false });
    await setup(missing.ctx, probed);
    expect(missing.calls).toContainEqual(["apt-get", "install", "-y", "--allow-downgrades", "linux-perf"]);
    const present = recordingCtx({ perf: true });
    await setup(present.ctx, probed);
    expect(present.calls.some((a) => a.includes("apt-get"))).toBe(false);
  });

  test("writes only the sysctls that differ from the wanted values", async () => {
    const { ctx, calls } = recordingCtx({ perf: true });
    await setup(ctx, probed);
    const differ = (Object.keys(WANTED_SYSCTLS) as Array<keyof typeof WANTED_SYSCTLS>).filter((n) => readSysctl(n) !== WANTED_SYSCTLS[n]);
    const links = readSysctl("fs.protected_symlinks") === 1 ? [] : [["sysctl", "-w", "fs.protected_symlinks=1"]];
    expect(calls.filter((a) => a[0] === "sysctl")).toEqual([...differ.map((n) => ["sysctl", "-w", `${n}=${WANTED_SYSCTLS[n]}`]), ...links]);
  });

  test("without root it asks sudo non-interactively and gives up with a hint", async () => {
    const { ctx, calls, logs } = recordingCtx({ perf: false, root: false });
    (ctx as unknown as { exec: (a: string[]) => Promise<ExecResult> }).exec = async (argv) => {
      calls.push(argv);
      return { code: 1, stdout: "", stderr: "sudo: a password is required" };
    };
    await setup(ctx, probed);
    expect(calls).toEqual([["sudo", "-n", "true"]]);
    expect(logs[0]).toContain("needs root or password-less sudo");
  });

  test("perfPackages() follows the distribution", () => {
    expect(perfPackages({ os: "debian", kernel: "6.1.0" })).toEqual(["linux-perf"]);
    expect(perfPackages({ os: "ubuntu", kernel: "6.8.0-45-generic" })).toEqual(["linux-tools-common", "linux-tools-generic", "linux-tools-6.8.0-45-generic"]);
  });
});
