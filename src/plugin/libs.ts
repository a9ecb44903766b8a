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

let codec: { packr: import("msgpackr").Packr; unpackr: import("msgpackr").Unpackr } | undefined;

/** msgpackr, set up on first use: most runs never encode or decode MessagePack in a plugin. */
function msgpackCodec(): NonNullable<typeof codec> {
  if (codec) return codec;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Packr, Unpackr } = require("msgpackr") as typeof import("msgpackr");
  codec = {
    packr: new Packr({ useRecords: false, variableMapSize: true, int64AsType: "bigint" }),
    unpackr: new Unpackr({ useRecords: false, int64AsType: "bigint" }),
  };
  return codec;
}

export function pluginLibs(): PluginLibs {
  cached ??= {
    valibot,
    zstd: { compress: zstdCompress, decompress: zstdDecompress },
    msgpack: {
      encode: (value) => msgpackCodec().packr.pack(value),
      decodeAll: (data) => decodeAll(msgpackCodec().unpackr, data),
    },
  };
  return cached;
}
