import { afterEach, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeRecord, simulation } from "../../test/history/make-record.ts";
import { openHistory } from "./index.ts";

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "pacer-history-"));
  dirs.push(d);
  return d;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function git(cwd: string, ...args: string[]): string {
  const r = Bun.spawnSync(["git", "-c", "user.email=t@t", "-c", "user.name=t", ...args], { cwd });
  return r.stdout.toString().trim();
}

describe("openHistory()", () => {
  test("creates .pacer/history.db at the git root with a .gitignore of *", () => {
    const repo = tempDir();
    git(repo, "init", "-q");
    mkdirSync(join(repo, "sub"));
    const h = openHistory({ cwd: join(repo, "sub") });
    expect(h.path).toBe(join(repo, ".pacer", "history.db"));
    expect(readFileSync(join(repo, ".pacer", ".gitignore"), "utf8")).toBe("*\n");
    h.close();
  });

  test("begin() stores a running run, finish() the results; list() is newest first", () => {
    const h = openHistory({ cwd: tempDir(), path: "h.db" });
    const a = makeRecord({ status: "running", measurements: [] });
    h.begin(a);
    expect(h.get(a.id)?.status).toBe("running");
    h.finish({ ...a, status: "ok", measurements: [simulation()] });
    const b = makeRecord({ git: { commit: "b".repeat(40), branch: "feature", dirty: true, root: null } });
    h.begin(b);
    h.finish(b);
    expect(h.list().map((r) => r.id)).toEqual([b.id, a.id]);
    expect(h.list({ branch: "main" }).map((r) => r.id)).toEqual([a.id]);
    expect(h.get(a.id)?.measurements[0]?.benchmarks[1]?.metrics.ir).toBe(14_218_530);
    expect(h.get(b.id)?.git).toEqual({ commit: "b".repeat(40), branch: "feature", dirty: true, root: null });
    expect(h.series("simulation", "bench.mjs::fib 20", "ir").map((p) => p.value)).toEqual([14_218_530]);
    h.close();
  });

  test("get() resolves latest, latest~1, id prefixes, branches and commits", () => {
    const h = openHistory({ cwd: tempDir(), path: "h.db" });
    const a = makeRecord();
    const b = makeRecord({ git: { commit: "c0ffee".padEnd(40, "1"), branch: "feature", dirty: false, root: null } });
    const failed = makeRecord({ status: "failed" });
    for (const r of [a, b, failed]) (h.begin(r), h.finish(r));
    expect(h.get("latest")?.id).toBe(b.id);
    expect(h.get("latest~1")?.id).toBe(a.id);
    expect(h.get(b.id.slice(0, 18))?.id).toBe(b.id);
    expect(h.get("feature")?.id).toBe(b.id);
    expect(h.get("main")?.id).toBe(a.id);
    expect(h.get("c0ffee1")?.id).toBe(b.id);
    expect(h.get(failed.id)?.status).toBe("failed");
    expect(h.get("nothing-like-this")).toBeUndefined();
    h.close();
  });

  test("a running run whose process is gone becomes partial on open; a live one stays running", () => {
    const dir = tempDir();
    const h = openHistory({ cwd: dir, path: "h.db" });
    const mine = makeRecord();
    h.begin(mine);
    h.close();
    // A run begun by a process that has exited since.
    const script = join(dir, "begin.ts");
    const dead = makeRecord();
    writeFileSync(script, `import { openHistory } from ${JSON.stringify(join(import.meta.dir, "index.ts"))};
const h = openHistory({ cwd: ${JSON.stringify(dir)}, path: "h.db" });
h.begin(${JSON.stringify(dead)}); h.close();`);
    expect(Bun.spawnSync([process.execPath, script]).exitCode).toBe(0);
    const again = openHistory({ cwd: dir, path: "h.db" });
    expect(again.get(dead.id)?.status).toBe("partial");
    expect(again.get(mine.id)?.status).toBe("running");
    again.close();
  });

  test("refuses a database from a newer schema", () => {
    const dir = tempDir();
    openHistory({ cwd: dir, path: "h.db" }).close();
    const { Database } = require("bun:sqlite") as typeof import("bun:sqlite");
    const db = new Database(join(dir, "h.db"));
    db.exec("PRAGMA user_version = 99");
    db.close();
    expect(() => openHistory({ cwd: dir, path: "h.db" })).toThrow(`schema version 99 is newer than 1`);
    expect(existsSync(join(dir, "h.db"))).toBe(true);
  });
});
