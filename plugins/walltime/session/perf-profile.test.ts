import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { walltimeContext } from "../../../test/fixtures/walltime/context.ts";
import { GROUP, recordGroup } from "../../../test/fixtures/walltime/record-group.ts";
import { collectPerfProfile } from "./perf-profile.ts";
import { PerfControl } from "../perf/perf-control.ts";
import { newWalltimeState } from "./state.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-wt-profile-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!Bun.which("perf"))("collectPerfProfile() on a real event-group recording", () => {
  test("a benchmark's folded stacks count the leader's samples only, and perf.metadata hides node by its path", async () => {
    const { data, leaderSamples } = recordGroup(dir);
    const ctx = walltimeContext({ kind: "integration", command: "bash loop" }, mkdtempSync(join(dir, "profile-")));
    Bun.spawnSync(["mkfifo", join(dir, "c"), join(dir, "a")]);
    const state = newWalltimeState();
    state.perf = {
      control: PerfControl.open(join(dir, "c"), join(dir, "a")),
      pipedata: data, statusFile: join(dir, "st"), unwinding: "fp", compression: true, events: GROUP,
      nodePaths: ["/usr/bin/bash"], cwd: dir,
    };
    // One window over the whole recording.
    state.timeline.push({ kind: "start", ns: 0n }, { kind: "stop", ns: 2n ** 62n }, { kind: "executed", ns: 2n ** 62n, uri: "loop.sh::loop", pid: 1 });
    const notes: string[] = [];
    const outcome = { exitCode: 0, signal: null, wallTimeMs: 1, benchmarkPids: [], integration: { name: "test", version: "1" }, timestamps: { uriByTs: [], markers: [] } };
    const perf = { ...state.perf!, pipedata: relative(ctx.profileFolder, data), binary: "perf" };
    const windows = await collectPerfProfile(ctx, perf, state.timeline, outcome.benchmarkPids, notes, new Map(), outcome);
    ctx.dispose();
    expect(windows).toHaveLength(1);
    expect(windows[0]!.samples).toBe(leaderSamples);
    expect(notes.join()).toContain(`events ${GROUP}`);
    const meta = JSON.parse(readFileSync(join(ctx.profileFolder, "perf.metadata"), "utf8"));
    expect(meta.ignored_modules.map((m: [string]) => m[0])).toEqual(["/usr/bin/bash"]);
  });
});
