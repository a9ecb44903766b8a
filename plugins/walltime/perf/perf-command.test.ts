import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { perfRecordArgv, statusRecordingArgv, wrappedArgv, type PerfRecordOptions } from "./perf-command.ts";
import { chooseUnwinding } from "./unwinding.ts";
import type { ProbeResult } from "../../../src/index.ts";

const base: PerfRecordOptions = { perf: "perf", compression: true, unwinding: "dwarf", ctlFifo: "/t/c", ackFifo: "/t/a", quiet: true };

describe("perfRecordArgv()", () => {
  test("matches the reference's flags", () => {
    expect(perfRecordArgv({ ...base, events: "{a,b}" }).join(" ")).toBe(
      "perf record --quiet --no-bpf-event --compression-level=3 -e {a,b} --timestamp -k CLOCK_MONOTONIC --freq=997 --delay=-1 -g --user-callchains --call-graph=dwarf,8192 --control=fifo:/t/c,/t/a -o - --",
    );
  });

  test("drops compression and events together, and uses fp when asked", () => {
    const argv = perfRecordArgv({ ...base, compression: false, events: "{a,b}", unwinding: "fp", quiet: false });
    expect(argv).not.toContain("--compression-level=3");
    expect(argv).not.toContain("-e");
    expect(argv).not.toContain("--quiet");
    expect(argv).toContain("--call-graph=fp");
  });
});

describe("the bash wrappers", () => {
  const dir = mkdtempSync(join(tmpdir(), "pacer-wt-cmd-"));
  const run = (argv: string[]) => Bun.spawnSync(argv, { stdout: "pipe", stderr: "pipe" });

  test("the status wrapper records the benchmark's exit code and keeps its arguments intact", () => {
    const status = join(dir, "status");
    const r = run(statusRecordingArgv(status, ["bash", "-c", 'echo "$1"; exit 7', "x", "a b'c"]));
    expect(r.exitCode).toBe(7);
    expect(r.stdout.toString()).toBe("a b'c\n");
    expect(readFileSync(status, "utf8")).toBe("7\n");
  });

  test("a failing producer fails the pipeline (pipefail) and the output still lands in the file", () => {
    const out = join(dir, "out");
    // `sh -c` stands in for perf: it writes data and exits with the benchmark's status.
    const argv = wrappedArgv({ ...base, perf: "sh" }, out, join(dir, "st"), ["true"]);
    const i = argv.indexOf("sh");
    const r = run([...argv.slice(0, i), "sh", "-c", "echo data; exit 3"]);
    expect(r.exitCode).toBe(3);
    expect(readFileSync(out, "utf8")).toBe("data\n");
  });

  test.skipIf(!Bun.which("perf"))("real perf: the benchmark's failure is perf's exit code and is recorded", () => {
    const argv = wrappedArgv({ ...base, compression: false, unwinding: "fp", ctlFifo: "", ackFifo: "" }, join(dir, "p.data"), join(dir, "st2"), ["sh", "-c", "exit 5"]);
    const noControl = argv.filter((a) => !a.startsWith("--control") && a !== "--delay=-1");
    const r = run(noControl);
    expect(r.exitCode).toBe(5);
    expect(readFileSync(join(dir, "st2"), "utf8")).toBe("5\n");
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("chooseUnwinding()", () => {
  const probe = (fp: boolean, dwarf: boolean) =>
    ({ status: "supported", reasons: [], features: { call_graph_fp: { enabled: fp }, call_graph_dwarf: { enabled: dwarf, reason: "no regs" } } }) as ProbeResult;

  test("defaults to dwarf like the reference, an explicit mode wins", () => {
    expect(chooseUnwinding(undefined, probe(true, true)).mode).toBe("dwarf");
    expect(chooseUnwinding("fp", probe(true, true))).toEqual({ mode: "fp", why: "set by --perf-unwinding-mode" });
  });

  test("falls back when the wanted mode does not work here", () => {
    expect(chooseUnwinding(undefined, probe(true, false))).toEqual({ mode: "fp", why: '"dwarf" does not work here (no regs)' });
  });
});
