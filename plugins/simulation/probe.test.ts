import { afterAll, expect, test } from "bun:test";
import { simulationContext } from "../../test/simulation/context.ts";
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
