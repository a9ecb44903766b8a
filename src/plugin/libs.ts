/**
 * The libraries handed to plugins through `ctx.libs` (user plugins cannot import packages).
 *
 * @module
 */
import * as valibot from "valibot";
import type { PluginLibs } from "./types.ts";
import { zstdCompress, zstdDecompress } from "../compress/zstd.ts";

let cached: PluginLibs | undefined;

/**
 * Every value of a back-to-back MessagePack buffer (`[]` for an empty one). A truncated or malformed
 * buffer throws, and the error's `values` holds what was decoded before the bad part (a process
 * killed mid-write loses only its last value).
 */
function decodeAll(unpackr: import("msgpackr").Unpackr, data: Uint8Array): unknown[] {
  const out: unknown[] = [];
  if (data.byteLength === 0) return out;
  try {
    unpackr.unpackMultiple(Buffer.from(data.buffer, data.byteOffset, data.byteLength), (v) => {
      out.push(v);
    });
  } catch (err) {
    throw Object.assign(err instanceof Error ? err : new Error(String(err)), { values: out });
  }
  return out;
}

export function pluginLibs(): PluginLibs {
  if (cached) return cached;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Packr, Unpackr } = require("msgpackr") as typeof import("msgpackr");
  const packr = new Packr({ useRecords: false, variableMapSize: true, int64AsType: "bigint" });
  const unpackr = new Unpackr({ useRecords: false, int64AsType: "bigint" });
  cached = {
    valibot,
    zstd: { compress: zstdCompress, decompress: zstdDecompress },
    msgpack: {
      encode: (value) => packr.pack(value),
      decodeAll: (data) => decodeAll(unpackr, data),
    },
  };
  return cached;
}
