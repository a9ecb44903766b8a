import { afterAll, expect, test } from "bun:test";
import { simulationContext } from "../../test/simulation/context.ts";
import type { ExecOptions } from "../../src/index.ts";
import { setupSimulation } from "./setup.ts";

const hasValgrind = Bun.which("valgrind") !== null;
const ctx = simulationContext({ kind: "integration", command: "true" });
afterAll(() => ctx.dispose());
const probed = { status: "supported" as const, features: {}, reasons: [] };

test.skipIf(!hasValgrind)("setupSimulation() installs nothing when valgrind is already there", async () => {
  const ran: string[][] = [];
  const watched = { ...ctx, exec: (argv: string[], o?: ExecOptions) => (ran.push(argv), ctx.exec(argv, o)) };
  await setupSimulation(watched, probed);
  expect(ran).toEqual([["valgrind", "--version"]]);
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
