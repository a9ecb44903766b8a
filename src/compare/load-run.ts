/**
 * Finds the run a `pacer compare`/`report`/`export` argument names: a run in the history (id,
 * `latest`, branch, git ref), a profile folder, or a profile archive (`.tar.zst`, `.tar.gz`, `.tar`).
 * Folders and archives must hold the `pacer-run.json` every pacer run writes.
 *
 * @module
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { extract } from "tar-stream";
import { zstdDecompress } from "../compress/zstd.ts";
import { PacerError, errorMessage } from "../errors.ts";
import type { History } from "../history/index.ts";
import type { RunRecord } from "../results/run-record.ts";

export const RUN_FILE = "pacer-run.json";
const ARCHIVE = /\.(tar|tar\.zst|tar\.gz|tgz)$/;

/** A `pacer-run.json` text as a run; an E_RESULTS error naming `where` when it is not one. */
export function parseRecord(text: string, where: string): RunRecord {
  try {
    const r = JSON.parse(text) as RunRecord;
    if (typeof r.id !== "string" || !Array.isArray(r.measurements)) throw new Error("not a pacer run record");
    return r;
  } catch (err) {
    throw new PacerError("E_RESULTS", `Cannot read the run in "${where}": ${errorMessage(err)}`, { cause: err });
  }
}

async function fromArchive(path: string): Promise<RunRecord> {
  let data: Uint8Array = readFileSync(path);
  if (path.endsWith(".zst")) data = zstdDecompress(data);
  else if (path.endsWith(".gz") || path.endsWith(".tgz")) data = gunzipSync(data);
  const ex = extract();
  let found: string | undefined;
  const done = new Promise<void>((ok, fail) => {
    ex.on("entry", (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: unknown) => {
        if (header.name.replace(/^\.\//, "") === RUN_FILE) chunks.push(c as Buffer);
      });
      stream.on("end", () => {
        if (chunks.length) found = Buffer.concat(chunks).toString("utf8");
        next();
      });
      stream.resume();
    });
    ex.on("finish", ok);
    ex.on("error", fail);
  });
  ex.end(Buffer.from(data));
  await done.catch((err) => {
    throw new PacerError("E_RESULTS", `Cannot read archive "${path}": ${errorMessage(err)}`, { cause: err });
  });
  if (!found) throw new PacerError("E_RESULTS", `Archive "${path}" has no "${RUN_FILE}"`, { hint: "Pass an archive made by pacer 0.1 or later" });
  return parseRecord(found, path);
}

/** The run `ref` names; throws E_USAGE naming `ref` when there is none. */
export async function loadRun(history: History, cwd: string, ref: string): Promise<RunRecord> {
  const path = resolve(cwd, ref);
  // A path wins over a run of the same name only when it looks like a profile (branch names have "/").
  if (existsSync(path)) {
    const file = join(path, RUN_FILE);
    if (statSync(path).isDirectory() && existsSync(file)) return parseRecord(readFileSync(file, "utf8"), file);
    if (ARCHIVE.test(path)) return fromArchive(path);
  }
  const run = history.get(ref);
  if (!run) {
    throw new PacerError("E_USAGE", `No recorded run matches "${ref}"`, {
      hint: "Give a run id (see `pacer runs`), `latest`, a branch or commit with a recorded run, or a profile folder",
    });
  }
  return run;
}
