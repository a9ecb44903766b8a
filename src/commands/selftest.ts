/**
 * `pacer __selftest`: checks, inside the compiled binary, the pieces `bun build --compile` can get
 * wrong (the embedded zstd binding, msgpack). Used by build.ts's smoke run.
 *
 * @module
 */
import { zstdBackend, zstdCompress, zstdDecompress } from "../compress/zstd.ts";
import { pluginLibs } from "../plugin/libs.ts";
import { stdout } from "../log/console-out.ts";

export default async function selftest(): Promise<number> {
  const input = new TextEncoder().encode("pacer ".repeat(1000));
  const packed = zstdCompress(input, 3);
  const back = zstdDecompress(packed);
  const zstdOk = back.length === input.length && back.every((b, i) => b === input[i]);
  const mp = pluginLibs().msgpack;
  const decoded = mp.decodeAll(mp.encode({ a: 1n << 40n }));
  const msgpackOk = decoded.length === 1;
  stdout.write(
    JSON.stringify({ zstd: { backend: zstdBackend(), ok: zstdOk, ratio: input.length / packed.length }, msgpack: { ok: msgpackOk } }) + "\n",
  );
  return zstdOk && msgpackOk ? 0 : 1;
}
