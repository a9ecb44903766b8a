import { afterEach, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import tar from "tar-stream";
import { entryPath, extractArchive, removeExtracted } from "./extract-archive.ts";

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) removeExtracted(d);
});

async function tarOf(entries: Array<{ name: string; type?: "file" | "symlink" | "directory"; body?: string; linkname?: string }>): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) pack.entry({ name: e.name, type: e.type ?? "file", ...(e.linkname ? { linkname: e.linkname } : {}) }, e.body ?? "");
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

test("entryPath keeps names inside the root and refuses the rest", () => {
  expect(entryPath("/r", "./results/1.json")).toBe("/r/results/1.json");
  expect(entryPath("/r", "../etc/passwd")).toBeUndefined();
  expect(entryPath("/r", "a/../../x")).toBeUndefined();
  expect(entryPath("/r", "/etc/passwd")).toBeUndefined();
  expect(entryPath("/r", "./")).toBeUndefined();
});

test("a hostile gzip archive: traversal and links skipped, the rest extracted", async () => {
  const archive = gzipSync(await tarOf([
    { name: "./pacer-run.json", body: "{}" },
    { name: ".pacer-owner", body: "an entry named like the owner file of the temp folder" },
    { name: "../escaped.txt", body: "x" },
    { name: "link", type: "symlink", linkname: "/etc/passwd" },
    { name: "results/", type: "directory" },
    { name: "results/1.json", body: "[1]" },
  ]));
  const dir = await extractArchive(new Blob([archive]).stream(), "gzip", 1 << 20);
  made.push(dir);
  expect(readdirSync(dir).sort()).toEqual([".pacer-owner", "pacer-run.json", "results"]);
  expect(readFileSync(`${dir}/results/1.json`, "utf8")).toBe("[1]");
  expect(existsSync(`${dir}/../escaped.txt`)).toBe(false);
});

test("an archive that unpacks beyond the limit is refused and its folder removed", async () => {
  const archive = await tarOf([{ name: "big", body: "x".repeat(5000) }]);
  await expect(extractArchive(new Blob([archive]).stream(), null, 1000)).rejects.toThrow(/more than 1000 bytes/);
});
