import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseJitdump } from "./jitdump.ts";
import { copySymbolMaps } from "./perf-maps.ts";

const dirs: string[] = [];
const tmp = (p: string) => {
  const d = mkdtempSync(join(tmpdir(), p));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("jitdump and perf maps from a real node process", () => {
  test.skipIf(!Bun.which("node"))("copySymbolMaps() copies /tmp/perf-<pid>.map and appends the jitdump's CodeLoad symbols", () => {
    const cwd = tmp("pacer-jit-");
    const profile = tmp("pacer-jit-prof-");
    const r = Bun.spawnSync(
      ["node", "--perf-prof", "--perf-basic-prof", "--interpreted-frames-native-stack", "-e",
        "function hotPacerFn(){let s=0;for(let i=0;i<1e6;i++)s+=i;return s} for(let k=0;k<30;k++)hotPacerFn(); console.log(process.pid)"],
      { cwd, stdout: "pipe" },
    );
    const pid = Number(r.stdout.toString().trim());
    const dump = readFileSync(join(cwd, `jit-${pid}.dump`));
    const symbols = parseJitdump(dump);
    expect(symbols.length).toBeGreaterThan(100);
    expect(symbols.some((s) => s.name.includes("hotPacerFn") && s.size > 0n)).toBe(true);
    // Load times are CLOCK_MONOTONIC ns (comparable with perf's -k CLOCK_MONOTONIC samples).
    const uptimeNs = BigInt(Math.round(Number(readFileSync("/proc/uptime", "utf8").split(" ")[0]) * 1e9));
    expect(symbols[0]!.timestampNs).toBeLessThanOrEqual(uptimeNs);
    expect(symbols[0]!.timestampNs).toBeGreaterThan(uptimeNs - 60_000_000_000n);

    const copied = copySymbolMaps([pid, pid], profile, [cwd]);
    expect(copied.maps).toBe(1);
    expect(copied.jit.get(pid)).toHaveLength(symbols.length);
    // node's jitdump and v8 log left the benchmark's cwd for the profile folder.
    expect(existsSync(join(cwd, `jit-${pid}.dump`))).toBe(false);
    expect(existsSync(join(profile, `jit-${pid}.dump`))).toBe(true);
    const map = readFileSync(join(profile, `perf-${pid}.map`), "utf8");
    expect(map).toMatch(/^[0-9a-f]+ [0-9a-f]+ .*hotPacerFn/m);
    expect(map).toMatch(/^[0-9a-f]+ [0-9a-f]+ LazyCompile:|^[0-9a-f]+ [0-9a-f]+ JS:/m);
    // The /tmp map was ours: removed once copied, so runs leave /tmp as they found it.
    expect(existsSync(`/tmp/perf-${pid}.map`)).toBe(false);
  });

  test("parseJitdump() rejects other files and stops at a truncated record", () => {
    expect(parseJitdump(new TextEncoder().encode("not a jitdump at all, just some text here"))).toEqual([]);
    const header = new Uint8Array(40);
    new DataView(header.buffer).setUint32(0, 0x4a695444, true);
    new DataView(header.buffer).setUint32(8, 40, true);
    const truncated = new Uint8Array([...header, 0, 0, 0, 0, 200, 0, 0, 0]);
    expect(parseJitdump(truncated)).toEqual([]);
  });
});
