import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Measurement } from "../../plugin/types.ts";
import { keepFoldedStacks, MAX_FOLDED_BYTES } from "./keep-folded.ts";

const root = mkdtempSync(join(tmpdir(), "pacer-keep-folded-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const folder = join(root, "profile");
mkdirSync(join(folder, "folded"), { recursive: true });
writeFileSync(join(folder, "folded/a.folded"), "main;work 10\n");
writeFileSync(join(root, "secret.txt"), "outside 1\n");
symlinkSync(join(root, "secret.txt"), join(folder, "folded/link.folded"));
writeFileSync(join(folder, "folded/big.folded"), "x".repeat(MAX_FOLDED_BYTES + 1));

const kept = (folded: string, recorded?: string) => {
  const m: Measurement = { instrument: "walltime", title: "Walltime", columns: [], benchmarks: [{ name: "b", uri: "u", metrics: {}, detail: { folded } }] } as unknown as Measurement;
  return keepFoldedStacks(folder, [m], recorded)[0]!.benchmarks[0]!.detail?.foldedStacks;
};

describe("keepFoldedStacks", () => {
  test("keeps a relative path inside the folder", () => expect(kept("folded/a.folded")).toBe("main;work 10\n"));
  test("maps the benchmark machine's absolute path inside its profile folder", () => expect(kept("/ci/prof/folded/a.folded", "/ci/prof")).toBe("main;work 10\n"));
  test("reads nothing outside the folder: '..', absolute elsewhere, a symlink", () => {
    expect(kept("../secret.txt")).toBeUndefined();
    expect(kept(join(root, "secret.txt"))).toBeUndefined();
    expect(kept("/ci/other/secret.txt", "/ci/prof")).toBeUndefined();
    expect(kept("folded/link.folded")).toBeUndefined();
  });
  test("skips a file over the size cap and a missing one", () => {
    expect(kept("folded/big.folded")).toBeUndefined();
    expect(kept("folded/none.folded")).toBeUndefined();
  });
});
