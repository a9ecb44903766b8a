/**
 * What a profile folder or an upload archive holds, in a form two runs can be compared by: file
 * names relative to the folder, with pids, addresses and run ids made generic.
 */
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import tar from "tar-stream";
import { zstdDecompress } from "../../src/compress/zstd.ts";

/** Every file under `dir`, relative to `under`. */
export function filesOf(dir: string, under = dir): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesOf(join(dir, n), under) : [relative(under, join(dir, n))]));
}

/** `names` sorted, with `pids`, unwind-data address ranges and hex addresses made generic. */
export function normalized(names: string[], pids: number[]): string[] {
  const generic = (n: string) => {
    let out = n;
    for (const pid of pids) out = out.replaceAll(String(pid), "<pid>");
    return out.replace(/_[0-9a-f]+_[0-9a-f]+_0\.unwind_data$/, "_<start>_<end>_0.unwind_data").replace(/0x[0-9a-f]+/g, "<addr>");
  };
  return names.map(generic).sort();
}

/** The entries of an upload archive (zstd, gzip or plain tar): name to contents. */
export async function archiveEntries(archive: Buffer): Promise<Map<string, Buffer>> {
  const raw = archive[0] === 0x28 && archive[1] === 0xb5 ? Buffer.from(zstdDecompress(archive)) : archive[0] === 0x1f && archive[1] === 0x8b ? gunzipSync(archive) : archive;
  const entries = new Map<string, Buffer>();
  const extract = tar.extract();
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      entries.set(entry.header.name.replace(/^\.\//, ""), Buffer.concat(chunks));
    }
  })();
  extract.end(raw);
  await done;
  return entries;
}
