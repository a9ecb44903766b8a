import { expect, test } from "bun:test";
import type { Measurement } from "../plugin/types.ts";
import type { RunRecord } from "../results/run-record.ts";
import { profilePending, withProfiles } from "./complete-profile.ts";

const bench = (uri: string, detail: Record<string, unknown>) => ({ name: uri, uri, metrics: { time_ns: 1 }, detail });
const measurement = (instrument: string, pending: boolean, detail: Record<string, unknown>): Measurement => ({
  instrument,
  title: instrument,
  columns: [],
  benchmarks: [bench("a", detail), bench("b", detail)],
  notes: ["the run's note"],
  ...(pending ? { profilePending: true } : {}),
});

test("withProfiles() adds the offline collect's details to pending measurements only, keeping the run's metrics and notes", () => {
  const run = { id: "r", measurements: [measurement("walltime", true, { resultsFile: "results/1.json" }), measurement("memory", false, { kept: 1 })] } as unknown as RunRecord;
  expect(profilePending(run)).toBe(true);
  const offline = [
    { ...measurement("walltime", false, { resultsFile: "results/1.json", folded: "folded/001-a.folded", samples: 9 }), notes: ["offline"] },
    measurement("memory", false, { kept: 2 }),
  ];
  const done = withProfiles(run, offline);
  expect(profilePending(done)).toBe(false);
  expect(done.measurements[0]!.benchmarks[0]!.detail).toEqual({ resultsFile: "results/1.json", folded: "folded/001-a.folded", samples: 9 });
  expect(done.measurements[0]!.notes).toEqual(["the run's note"]);
  expect(done.measurements[1]).toBe(run.measurements[1]!);
});

test("a pending measurement the offline collect did not return stays pending", () => {
  const run = { id: "r", measurements: [measurement("walltime", true, {})] } as unknown as RunRecord;
  expect(profilePending(withProfiles(run, []))).toBe(true);
});
