import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { detachLogFile } from "../log/logger.ts";
import { carryConfig, runSession, type SessionOptions } from "./session.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-session-"));
afterAll(() => {
  detachLogFile();
  rmSync(dir, { recursive: true, force: true });
});

const options = (over: Partial<SessionOptions>): SessionOptions => ({
  modes: ["score"],
  plan: { kind: "integration", command: "true" },
  cwd: dir,
  profileFolder: join(dir, "profile"),
  flags: { skipSetup: true, allowEmpty: false },
  userSpecs: [{ path: join(import.meta.dir, "../../test/fixtures/plugins/score-mode.ts") }],
  instrumentOptions: {},
  history: { enabled: false },
  upload: { skipUpload: true, forceUpload: false },
  json: false,
  ...over,
});

test("a session runs its phases in order: record, check and save, compare, summary; the folder keeps the outcome and the rules", async () => {
  const phases: string[] = [];
  const code = await runSession(options({ compare: "latest" }), {
    recorded: (r) => void phases.push(`recorded ${r.mode.name} ${r.measurements[0]!.benchmarks[0]!.metrics.score}`),
    saved: (r) => void phases.push(`saved ${r.record.status}`),
    compare: async (_r, base) => (phases.push(`compare ${base}`), 1),
    summary: (runs) => void phases.push(`summary ${runs.map((r) => r.mode).join(",")}`),
  });
  expect(phases).toEqual(["recorded score 42", "saved ok", "compare latest", "summary score"]);
  expect(code).toBe(1);
  const saved = JSON.parse(readFileSync(join(dir, "profile", "pacer-run.json"), "utf8"));
  expect(saved.outcome).toMatchObject({ exitCode: 0, signal: null, benchmarkPids: [] });
  expect(saved.measurements[0].rules).toMatchObject({ mode: "score", metrics: { score: { better: "higher" } } });
});

test("the check phase stops an empty session before save, upload and compare", async () => {
  const phases: string[] = [];
  const err = await runSession(options({ modes: ["score"], userSpecs: [{ path: join(import.meta.dir, "../../test/fixtures/plugins/empty-score.ts") }], compare: "latest" }), {
    recorded: () => void phases.push("recorded"),
    saved: () => void phases.push("saved"),
    compare: async () => (phases.push("compare"), 0),
    summary: () => void phases.push("summary"),
  }).catch((e: unknown) => e);
  expect(err).toMatchObject({ code: "E_RESULTS", message: "The score run produced no benchmark results" });
  expect(phases).toEqual(["recorded"]);
});

test("the upload carries the run's config under a name a results server reads, never over a file of the folder", () => {
  const folder = mkdtempSync(join(dir, "carry-"));
  const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
  carryConfig(write("codspeed.yml", "thresholds: { default: 7% }\n"), folder);
  expect(readFileSync(join(folder, "codspeed.yml"), "utf8")).toContain("7%");
  carryConfig(write("ci-bench.yml", "thresholds: { default: 9% }\n"), folder);
  expect(readFileSync(join(folder, "pacer.yml"), "utf8")).toContain("9%");
  carryConfig(write("pacer.yml", "thresholds: { default: 1% }\n"), folder);
  expect(readFileSync(join(folder, "pacer.yml"), "utf8")).toContain("9%");
  carryConfig(undefined, folder);
});
