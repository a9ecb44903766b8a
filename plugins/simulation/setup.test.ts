import { afterAll, expect, test } from "bun:test";
import { simulationContext } from "../../test/simulation/context.ts";
import type { ExecOptions } from "../../src/index.ts";
import { readSysctl } from "../../src/toolkit/sysctl.ts";
import { setupSimulation } from "./setup.ts";

const hasValgrind = Bun.which("valgrind") !== null;
const ctx = simulationContext({ kind: "integration", command: "true" });
afterAll(() => ctx.dispose());
const probed = { status: "supported" as const, features: {}, reasons: [] };

test.skipIf(!hasValgrind)("setupSimulation() installs nothing when valgrind is already there, and sets the link guard only when it is off", async () => {
  const ran: string[][] = [];
  // The sysctl write is recorded, not made: this test does not change the machine.
  const watched = { ...ctx, exec: (argv: string[], o?: ExecOptions) => (ran.push(argv), argv[0] === "sysctl" ? Promise.resolve({ code: 0, stdout: "", stderr: "" }) : ctx.exec(argv, o)) };
  await setupSimulation(watched, probed);
  const linksOff = ctx.system.isRoot && process.platform === "linux" && readSysctl("fs.protected_symlinks") !== 1;
  expect(ran).toEqual([["valgrind", "--version"], ...(linksOff ? [["sysctl", "-w", "fs.protected_symlinks=1"]] : [])]);
});

test("setupSimulation() explains what to do where apt-get is not available", async () => {
  // valgrind really is absent from this PATH; only the distribution is changed, as on Fedora or Arch.
  const noApt = {
    ...ctx,
    system: { ...ctx.system, os: "fedora", hasApt: false },
    exec: (argv: string[], o: ExecOptions = {}) => ctx.exec(argv, { ...o, env: { PATH: "/nonexistent" } }),
  };
  await expect(setupSimulation(noApt, probed)).rejects.toThrow('Cannot install valgrind: package installation is not supported on "fedora"');
});
