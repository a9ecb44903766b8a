/**
 * A pacer process killed with SIGKILL half-way (while it is writing) leaves a sound database, and its
 * run is marked `partial` the next time the history is opened.
 */
import { Database } from "bun:sqlite";
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openHistory } from "../../src/history/index.ts";
import { makeRecord, simulation } from "./make-record.ts";

const dir = mkdtempSync(join(tmpdir(), "pacer-killed-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("SIGKILL during writes: integrity ok, the killed run is partial, finished runs intact", async () => {
  const killed = makeRecord({ status: "running" });
  const done = makeRecord();
  const big = { ...makeRecord(), measurements: Array.from({ length: 50 }, () => simulation()) };
  const script = join(dir, "writer.ts");
  writeFileSync(
    script,
    `import { openHistory } from ${JSON.stringify(join(import.meta.dir, "../../src/history/index.ts"))};
const h = openHistory({ cwd: ${JSON.stringify(dir)}, path: "h.db" });
h.begin(${JSON.stringify(done)}); h.finish(${JSON.stringify(done)});
h.begin(${JSON.stringify(killed)});
const big = ${JSON.stringify(big)};
let i = 0;
process.stdout.write("ready\\n");
for (;;) h.finish({ ...big, id: "filler-" + (i++ % 20) });`,
  );
  const child = Bun.spawn([process.execPath, script], { stdout: "pipe", stderr: "inherit" });
  const reader = child.stdout.getReader();
  const first = await reader.read();
  expect(new TextDecoder().decode(first.value)).toContain("ready");
  await Bun.sleep(300); // let it be in the middle of transactions
  child.kill("SIGKILL");
  expect(await child.exited).not.toBe(0);
  expect(child.signalCode).toBe("SIGKILL");

  const h = openHistory({ cwd: dir, path: "h.db" });
  expect(h.get(killed.id)?.status).toBe("partial");
  expect(h.get(done.id)?.status).toBe("ok");
  const fillers = h.list().filter((r) => r.id.startsWith("filler-"));
  expect(fillers.length).toBeGreaterThan(0);
  for (const f of fillers) expect(f.measurements).toHaveLength(50);
  h.close();

  const db = new Database(join(dir, "h.db"), { readonly: true });
  expect((db.query("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check).toBe("ok");
  expect((db.query("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode).toBe("wal");
  db.close();
});
