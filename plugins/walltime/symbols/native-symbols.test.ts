import { afterAll, describe, expect, test } from "bun:test";
import { dlopen, FFIType } from "bun:ffi";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { walltimeContext } from "../../../test/fixtures/walltime/context.ts";
import { decodeUnwindData } from "../../../test/helpers/decode-unwind-data.ts";
import { attachLogFile, detachLogFile } from "../../../src/log/logger.ts";
import { nativeSymbols } from "../session/perf-profile.ts";
import { isModuleMapping, symbolsWithin, writeNativeSymbols } from "./native-symbols.ts";
import type { Mmap } from "../perf/parse-perf-script.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** This process's executable mappings of libc and the dynamic loader, as perf would report them. */
function selfMappings(): Mmap[] {
  const out: Mmap[] = [];
  for (const line of readFileSync("/proc/self/maps", "utf8").split("\n")) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) (\S+) ([0-9a-f]+) \S+ \d+\s+(\/\S*\/(?:libc\.so\.6|ld-linux[^/]*\.so\.\d))$/.exec(line);
    if (m) out.push({ pid: process.pid, start: BigInt(`0x${m[1]}`), end: BigInt(`0x${m[2]}`), pgoff: BigInt(`0x${m[4]}`), prot: m[3]!, path: m[5]! });
  }
  return out;
}

const mmap = (path: string, prot = "r-xp"): Mmap => ({ pid: 1, start: 0x1000n, end: 0x2000n, pgoff: 0n, prot, path });

describe("native symbols of the benchmark processes", () => {
  test("isModuleMapping() keeps executable file mappings only", () => {
    expect(isModuleMapping(mmap("/usr/lib/x86_64-linux-gnu/libc.so.6"))).toBe(true);
    expect(isModuleMapping(mmap("/usr/lib/x86_64-linux-gnu/libc.so.6", "r--p"))).toBe(false);
    for (const path of ["//anon", "[vdso]", "[stack]", "/tmp/jit-123.so", "/work/main/jit-26932.dump", "/memfd:doublemapper (deleted)", "/dev/zero", "/usr/lib/old.so (deleted)", "[kernel.kallsyms]_text"]) {
      expect(isModuleMapping(mmap(path))).toBe(false);
    }
  });

  const mappings = selfMappings();
  test.skipIf(!mappings.some((m) => m.path.endsWith("libc.so.6")))(
    "writeNativeSymbols() appends libc's symbols at their runtime addresses after the JIT lines, and an unwind file per mapping",
    () => {
      const profile = mkdtempSync(join(tmpdir(), "pacer-native-"));
      dirs.push(profile);
      const pid = process.pid;
      writeFileSync(join(profile, `perf-${pid}.map`), "7f0000001000 40 JS:*jitted file:///a.js:1:1\n");
      const anon: Mmap = { pid, start: 0x7f0000000000n, end: 0x7f0000001000n, pgoff: 0n, prot: "r-xp", path: "//anon" };
      const other: Mmap[] = mappings.map((m) => ({ ...m, pid: pid + 1 }));
      const logs: string[] = [];
      const summary = writeNativeSymbols(profile, [pid, pid], [...mappings, anon, ...other], (m) => logs.push(m));

      const exec = mappings.filter((m) => m.prot.includes("x"));
      expect(summary.unwindFiles).toBe(exec.length);
      expect(summary.modules).toBe(new Set(exec.map((m) => m.path)).size);
      const map = readFileSync(join(profile, `perf-${pid}.map`), "utf8").split("\n");
      expect(map[0]).toBe("7f0000001000 40 JS:*jitted file:///a.js:1:1");
      expect(map.length - 2).toBe(summary.symbols);
      const lib = dlopen("libc.so.6", { malloc: { args: [FFIType.u64], returns: FFIType.ptr } });
      const malloc = BigInt((lib.symbols.malloc as unknown as { ptr: number }).ptr).toString(16);
      lib.close();
      expect(map).toContainEqual(expect.stringMatching(new RegExp(`^${malloc} [0-9a-f]+ malloc$`)));

      const files = readdirSync(profile).filter((f) => f.endsWith(".unwind_data"));
      expect(files).toHaveLength(exec.length);
      const libc = exec.find((m) => m.path.endsWith("libc.so.6"))!;
      const name = `${pid}_${libc.start.toString(16)}_${libc.end.toString(16)}_0.unwind_data`;
      expect(files).toContain(name);
      const u = decodeUnwindData(readFileSync(join(profile, name)));
      expect(u).toMatchObject({ variant: 1, path: libc.path, avmaRange: { start: libc.start, end: libc.end } });
      expect(u.ehFrameHdr[0]).toBe(1);
      // Only the benchmark pids: the other process's mappings were not written.
      expect(readdirSync(profile).some((f) => f.startsWith(`${pid + 1}_`) || f === `perf-${pid + 1}.map`)).toBe(false);
    },
  );

  test.skipIf(!mappings.some((m) => m.path.endsWith("libc.so.6")))("with sampled addresses, only the symbols holding one are written, unwind files stay", () => {
    const profile = mkdtempSync(join(tmpdir(), "pacer-native-"));
    dirs.push(profile);
    const pid = process.pid;
    const lib = dlopen("libc.so.6", { malloc: { args: [FFIType.u64], returns: FFIType.ptr } });
    const malloc = BigInt((lib.symbols.malloc as unknown as { ptr: number }).ptr);
    lib.close();
    const whole = mkdtempSync(join(tmpdir(), "pacer-native-"));
    dirs.push(whole);
    const all = writeNativeSymbols(whole, [pid], mappings, () => {});
    const s = writeNativeSymbols(profile, [pid], mappings, () => {}, new Map([[pid, new Set([malloc + 1n, 0x10n])]]));
    const lines = readFileSync(join(profile, `perf-${pid}.map`), "utf8").trim().split("\n");
    // malloc and its aliases at the same address, nothing else.
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(5);
    for (const l of lines) expect(l.startsWith(`${malloc.toString(16)} `)).toBe(true);
    expect(lines).toContainEqual(expect.stringMatching(/ malloc$/));
    expect(s.symbols).toBe(lines.length);
    expect(all.symbols).toBeGreaterThan(1000);
    expect(s.unwindFiles).toBe(all.unwindFiles);
  });

  test("a module mapped twice gets its symbols at the second place only for the part mapped there", () => {
    const syms = [0x1000n, 0x2000n, 0x3000n].map((addr, i) => ({ addr, size: 0x10n, name: `f${i}` }));
    const second: Mmap = { pid: 1, start: 0x7000_0000_2000n, end: 0x7000_0000_3000n, pgoff: 0x2000n, prot: "r-xp", path: "/x" };
    expect(symbolsWithin(syms, 0x7000_0000_0000n, [second]).map((s) => s.name)).toEqual(["f1"]);
  });

  test("unreadable modules are logged and skipped, not thrown", () => {
    const profile = mkdtempSync(join(tmpdir(), "pacer-native-"));
    dirs.push(profile);
    const logs: string[] = [];
    const s = writeNativeSymbols(profile, [1], [mmap("/nonexistent/libfoo.so")], (m) => logs.push(m));
    expect(s).toEqual({ symbols: 0, modules: 0, unwindFiles: 0 });
    expect(logs).toEqual([expect.stringContaining('No native symbols for "/nonexistent/libfoo.so"')]);
    expect(readdirSync(profile)).toEqual([]);
  });

  test.skipIf(!mappings.some((m) => m.path.endsWith("libc.so.6")))("in collect, a failure to write is a warning, not an error", () => {
    const dir = mkdtempSync(join(tmpdir(), "pacer-native-"));
    dirs.push(dir);
    const log = join(dir, "runner.log");
    const ctx = walltimeContext({ kind: "integration", command: "true" }, join(dir, "no-such-folder"));
    attachLogFile(log);
    try {
      expect(() => nativeSymbols(ctx, [process.pid], mappings)).not.toThrow();
    } finally {
      detachLogFile();
    }
    expect(readFileSync(log, "utf8")).toMatch(/WARN +\[plugin walltime\] Cannot write native symbols and unwind data: ENOENT/);
  });
});
