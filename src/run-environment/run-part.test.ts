import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { githubRunPart, runIndexPath, withRunIndex } from "./run-part.ts";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "pacer-run-part-"));
  dirs.push(d);
  return d;
};

describe("githubRunPart()", () => {
  test("falls back to the job name when the matrix is not JSON", () => {
    expect(githubRunPart({ GH_MATRIX: "null", GH_STRATEGY: "{}" }, "1", "bench")).toEqual({ runId: "1", runPartId: "bench", jobName: "bench", metadata: {} });
  });
});

describe("withRunIndex()", () => {
  const part = { runId: "7", runPartId: 'bench-{"python":"3.12"}-{"job-index":0,"job-total":2}', jobName: "bench", metadata: { python: "3.12", "job-index": 0, "job-total": 2 } };

  test("counts uploads of a part: 0, then 1 once the first is committed", () => {
    const root = tmp();
    const first = withRunIndex(part, root, () => {});
    expect(first.part.runPartId).toBe('bench-{"python":"3.12"}-{"job-index":0,"job-total":2}-{"run-index":0}');
    expect(JSON.stringify(first.part.metadata)).toBe('{"job-index":0,"job-total":2,"python":"3.12","run-index":0}');
    expect(withRunIndex(part, root, () => {}).part.metadata["run-index"]).toBe(0);
    first.commit();
    expect(JSON.parse(readFileSync(runIndexPath(root, part), "utf8"))).toEqual({ run_index: 1 });
    expect(withRunIndex(part, root, () => {}).part.metadata["run-index"]).toBe(1);
  });

  test("warns and uses index 0 when the counter is unreadable", () => {
    const root = tmp();
    const path = runIndexPath(root, part);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, "{not json");
    const warnings: string[] = [];
    expect(withRunIndex(part, root, (m) => warnings.push(m)).part.metadata["run-index"]).toBe(0);
    expect(warnings[0]).toContain("Failed to track run index");
  });
});
