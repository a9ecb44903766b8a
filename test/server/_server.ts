/** Starts `createServer` on a loopback port over a backend, with a temp data dir; profiles and uploads for the suite. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type RunningServer } from "../../src/server/app.ts";
import { resolveConfig, type ServerConfig } from "../../src/server/config.ts";
import { serverLog } from "../../src/server/http/log.ts";

export interface TestServer extends RunningServer {
  config: ServerConfig;
  logs: string[];
}

export async function startServer(database: string, over: Partial<ServerConfig> = {}, dataDir = mkdtempSync(join(tmpdir(), "pacer-serve-data-"))): Promise<TestServer> {
  const config = { ...resolveConfig({ listen: "127.0.0.1:0", "data-dir": dataDir, database }, {}), jobLeaseMs: 2000, ...over };
  const logs: string[] = [];
  const server = await createServer(config, { log: serverLog((l) => logs.push(l)) });
  return { ...server, config, logs };
}

export function removeDataDir(s: TestServer): void {
  rmSync(s.config.dataDir, { recursive: true, force: true });
}

const made: string[] = [];
export function cleanupProfiles(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A simulation profile folder whose `pacer-run.json` holds the given benchmarks' simulated times (seconds). */
export function simulationProfile(times: Record<string, number>, extra: { config?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "pacer-serve-profile-"));
  made.push(dir);
  mkdirSync(join(dir, "results"));
  const benchmarks = Object.entries(times).map(([name, time]) => ({ name, uri: `bench/app.bench.ts::${name}`, metrics: { time, ir: Math.round(time * 1e9), estimated_cycles: Math.round(time * 1.2e9) } }));
  const record = {
    id: `rec-${Math.random().toString(36).slice(2)}`, startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), status: "ok", mode: "simulation",
    kind: "integration", command: "node bench.mjs", cwd: dir, profileFolder: dir, exitCode: 0,
    git: { commit: null, branch: null, dirty: false, root: null },
    machine: { cpuModel: "test cpu", cores: 2, kernel: "6.1", os: "debian 12", libc: null, node: null, tools: {} },
    measurements: [{ instrument: "simulation", title: "CPU Simulation", columns: [], benchmarks }], runnerVersion: "0.1.0",
  };
  writeFileSync(join(dir, "pacer-run.json"), JSON.stringify(record));
  writeFileSync(join(dir, "runner.log"), "log\n");
  if (extra.config) writeFileSync(join(dir, "pacer.yml"), extra.config);
  return dir;
}

/** Waits until `check` returns a value (polling the API), or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("Timed out waiting");
    await Bun.sleep(50);
  }
}
