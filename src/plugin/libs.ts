/**
 * The libraries handed to plugins through `ctx.libs` (user plugins cannot import packages).
 *
 * @module
 */
import * as valibot from "valibot";
import type { PluginLibs } from "./types.ts";
import { zstdCompress, zstdDecompress } from "../compress/zstd.ts";

let cached: PluginLibs | undefined;

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
      decodeAll: (data) => unpackr.unpackMultiple(Buffer.from(data.buffer, data.byteOffset, data.byteLength)) ?? [],
    },
  };
  return cached;
}
