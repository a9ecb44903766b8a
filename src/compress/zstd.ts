/**
 * zstd for the core: zstd-napi (native, embedded in the binary by build.ts), or Bun's built-in zstd
 * where the native binding cannot load (e.g. a target it was not built for). Loaded lazily so that
 * start-up never pays for it.
 *
 * @module
 */
import type { Transform } from "node:stream";

interface Backend {
  name: "zstd-napi" | "bun";
  compress(data: Uint8Array, level: number): Uint8Array;
  decompress(data: Uint8Array): Uint8Array;
  stream?: (level: number) => Transform;
}

let backend: Backend | undefined;

function load(): Backend {
  if (backend) return backend;
  try {
    // The embedded binding is a Linux ELF file (build.ts), in the macOS binaries too: Bun's zstd there.
    if (process.platform !== "linux") throw new Error("no zstd-napi binding for this system");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const z = require("zstd-napi") as typeof import("zstd-napi");
    backend = {
      name: "zstd-napi",
      compress: (d, level) => z.compress(d, { compressionLevel: level }),
      decompress: (d) => z.decompress(d),
      stream: (level) => new z.CompressStream({ compressionLevel: level }) as unknown as Transform,
    };
  } catch {
    backend = {
      name: "bun",
      compress: (d, level) => Bun.zstdCompressSync(d, { level }),
      decompress: (d) => Bun.zstdDecompressSync(d),
    };
  }
  return backend;
}

/** Which implementation is in use (`zstd-napi` or Bun's built-in fallback). */
export function zstdBackend(): string {
  return load().name;
}

export function zstdCompress(data: Uint8Array, level = 3): Uint8Array {
  return load().compress(data, level);
}

export function zstdDecompress(data: Uint8Array): Uint8Array {
  return load().decompress(data);
}

/**
 * A compressing transform stream. Without zstd-napi it buffers each chunk into its own zstd frame
 * (concatenated frames are a valid zstd stream).
 */
export function createZstdCompressStream(level = 3): Transform {
  const b = load();
  if (b.stream) return b.stream(level);
  // Required here: node:stream at start-up costs every command ~5 ms.
  const { Transform } = require("node:stream") as typeof import("node:stream");
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      cb(null, Buffer.from(b.compress(chunk, level)));
    },
  });
}
