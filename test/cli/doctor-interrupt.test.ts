/**
 * `pacer doctor` probes outside a session: Ctrl-C at any point of the probe must leave no
 * temp folder of the instruments' contexts, nor valgrind's vgdb pipes, behind.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BINARY, hasBinary } from "../helpers/pacer.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe.skipIf(!hasBinary())("pacer doctor interrupted", () => {
  // Signals at several points of the probe: while the contexts' folders exist, and while valgrind runs.
  for (const delayMs of [150, 400, 800]) {
    test(`SIGINT after ${delayMs} ms leaves the temp directory empty and exits 130`, async () => {
      const tmp = mkdtempSync(join(tmpdir(), "pacer-doctor-int-"));
      dirs.push(tmp);
      const proc = Bun.spawn([BINARY, "doctor"], { env: { ...process.env, TMPDIR: tmp }, stdout: "ignore", stderr: "pipe" });
      const start = Date.now();
      await Bun.sleep(Math.max(0, delayMs - (Date.now() - start)));
      proc.kill("SIGINT");
      const code = await proc.exited;
      // The probe can finish before the signal on a fast machine: then it exits 0, and is clean too.
      expect([0, 130]).toContain(code);
      await Bun.sleep(300); // a valgrind child that outlived pacer would still be removing its pipes
      expect(readdirSync(tmp)).toEqual([]);
    }, 30_000);
  }
});
