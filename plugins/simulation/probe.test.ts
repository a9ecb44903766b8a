import { afterAll, expect, test } from "bun:test";
import { simulationContext } from "../../test/simulation/context.ts";
import { linkGuard } from "../../src/toolkit/link-guard.ts";
import { probeSimulation } from "./probe.ts";

const hasValgrind = Bun.which("valgrind") !== null;
const ctx = simulationContext({ kind: "integration", command: "true" });
afterAll(() => ctx.dispose());

// About 1 s of valgrind option checks alone; far more while other jobs load the 2 cores.
test.skipIf(!hasValgrind)("probeSimulation() asks this valgrind which options it takes", async () => {
  const r = await probeSimulation(ctx);
  const version = (await ctx.exec(["valgrind", "--version"])).stdout;
  expect(r.features.valgrind).toEqual({ enabled: true, value: version.trim().replace(/^valgrind-/, "").replace(/[^\d.].*$/, "") });
  expect(r.features["callgrind-options"]!.enabled).toBe(true);
  if (!version.includes("codspeed")) {
    // Upstream valgrind has no --obj-skip: the feature is off with valgrind's own words, the run is degraded.
    expect(r.features["obj-skip"]).toEqual({
      enabled: false,
      reason: 'CodSpeed fork option; the node binary and libpython are measured, not skipped (valgrind: "Unknown option: --obj-skip=/bin/true")',
    });
    expect(r.status).toBe("degraded");
    expect(r.reasons.some((x) => x.startsWith("obj-skip: CodSpeed fork option"))).toBe(true);
  }
}, 60_000);

// The sysctl is read through a stand-in here: the test sees both values without changing the machine.
test.skipIf(!hasValgrind)("probeSimulation() reports fs.protected_symlinks=0 for a root run only, and asks for setup", async () => {
  const withLinks = (value: number, isRoot: boolean) => ({
    ...ctx,
    system: { ...ctx.system, isRoot },
    toolkit: { ...ctx.toolkit, linkGuard: linkGuard(() => value, "linux") },
  });
  const off = await probeSimulation(withLinks(0, true));
  expect(off.features["fs.protected_symlinks"]).toMatchObject({ enabled: false, value: 0 });
  expect(off.reasons.some((x) => x.startsWith("fs.protected_symlinks: is 0, pacer wants 1"))).toBe(true);
  expect(off.needsSetup).toBe(true);
  const on = await probeSimulation(withLinks(1, true));
  expect(on.features["fs.protected_symlinks"]).toEqual({ enabled: true, value: 1 });
  expect(on.needsSetup).toBeUndefined();
  const user = await probeSimulation(withLinks(0, false));
  expect(user.features["fs.protected_symlinks"]).toBeUndefined();
  expect(user.needsSetup).toBeUndefined();
}, 120_000);

test("probeSimulation() says unsupported, with a setup hint, when valgrind is not installed", async () => {
  const noValgrind = { ...ctx, exec: (argv: string[], o = {}) => ctx.exec(argv, { ...o, env: { PATH: "/nonexistent" } }) };
  const r = await probeSimulation(noValgrind);
  expect(r.status).toBe("unsupported");
  expect(r.reasons).toEqual(["valgrind is not installed"]);
  expect(r.needsSetup).toBe(ctx.system.hasApt);
  expect(r.hint).toContain(ctx.system.hasApt ? "pacer setup" : "package manager");
});

test("probeSimulation() on macOS: unsupported, says it needs Linux, runs nothing", async () => {
  const ran: string[][] = [];
  const spy = { ...ctx, exec: (argv: string[], o = {}) => (ran.push(argv), ctx.exec(argv, o)) };
  const r = await probeSimulation(spy, "darwin");
  expect(r.status).toBe("unsupported");
  expect(r.reasons).toEqual(["The simulation instrument (valgrind) needs Linux (this is macOS)"]);
  expect(ran).toEqual([]);
});
