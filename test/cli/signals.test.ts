/**
 * Ctrl-C and SIGTERM stop the whole benchmark tree, remove the FIFOs and exit 130 / 143.
 */
import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../helpers/pacer.ts";

function alive(marker: string): boolean {
  // Anchored: pacer's own command line contains the marker too, the sleeps' starts with it.
  const r = Bun.spawnSync(["pgrep", "-f", `^${marker.replace(".", "\\.")}$`]);
  return r.exitCode === 0;
}

async function interruptRun(signal: "SIGINT" | "SIGTERM", mode: string): Promise<{ code: number | null; marker: string; stderr: string }> {
  // A fractional sleep length makes the processes easy to find and unique to this test.
  const marker = `sleep 300.${Math.floor(Math.random() * 1e6)}`;
  const proc = Bun.spawn(
    [process.execPath, join(ROOT, "src/cli.ts"), "run", "--mode", mode, "--skip-upload", "--skip-setup", "--", `${marker} & ${marker}; wait`],
    { cwd: ROOT, env: { ...process.env, PACER_HISTORY: "0" }, stdout: "pipe", stderr: "pipe" },
  );
  const deadline = Date.now() + 20_000;
  while (!alive(marker) && Date.now() < deadline) await Bun.sleep(100);
  expect(alive(marker)).toBe(true);
  proc.kill(signal);
  const code = await proc.exited;
  const stderr = await new Response(proc.stderr).text();
  return { code, marker, stderr };
}

describe("interrupting a run", () => {
  test.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("%s stops the tree, leaves no FIFO and exits %d", async (signal, expected) => {
    const { code, marker, stderr } = await interruptRun(signal, "walltime");
    expect(code).toBe(expected);
    expect(stderr).toContain(`Run interrupted by ${signal}`);
    await Bun.sleep(200);
    expect(alive(marker)).toBe(false);
    expect(existsSync("/tmp/runner.ctl.fifo")).toBe(false);
    expect(existsSync("/tmp/runner.ack.fifo")).toBe(false);
  }, 60_000);
});
