/**
 * `pacer exec`/`run` upload their profile folder when asked (here to a real loopback server speaking
 * the upload API), and `run --skip-run` uploads an existing folder.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startUploadServer, type UploadServer } from "../helpers/upload-server.ts";
import { runPacer } from "../helpers/pacer.ts";

const TOKEN = "tok-run-upload-123456";
let server: UploadServer;
const profile = mkdtempSync(join(tmpdir(), "pacer-run-upload-"));
beforeAll(async () => {
  server = await startUploadServer({ token: TOKEN });
});
afterAll(async () => {
  await server.close();
  rmSync(profile, { recursive: true, force: true });
});

test("a local exec with --upload-url uploads the run's profile folder, byte-exact with its MD5", async () => {
  const r = await runPacer([
    "exec", "--disable-perf", "--max-rounds", "2", "--warmup-time", "0", "--profile-folder", profile,
    "--upload-url", server.uploadUrl, "--api-url", server.apiUrl, "--token", TOKEN, "--", "true",
  ]);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain("Performance data uploaded");
  expect(r.stderr + r.stdout).not.toContain(TOKEN);
  const up = server.uploads.find((u) => u.archive);
  expect(up).toBeDefined();
  expect(up!.metadata.profileMd5).toBe(createHash("md5").update(up!.archive!).digest("base64"));
  expect((up!.metadata.runner as { executor: string }).executor).toBe("walltime");
}, 120_000);

test("run --skip-run uploads an existing --profile-folder without running anything", async () => {
  server.reset();
  const r = await runPacer([
    "run", "--skip-run", "--mode", "walltime", "--profile-folder", profile,
    "--upload-url", server.uploadUrl, "--api-url", server.apiUrl, "--token", TOKEN,
  ]);
  expect(r.code).toBe(0);
  expect(r.stderr).not.toContain("Running the benchmarks");
  expect(server.uploads.filter((u) => u.archive)).toHaveLength(1);
}, 120_000);
