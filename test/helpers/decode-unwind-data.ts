/**
 * An independent bincode decoder for `UnwindDataCompat` (V1 = V2 without `timestamp`, reference §4.8), to check what pacer writes
 * the way the CodSpeed parser reads it. Throws on trailing or missing bytes.
 */
import type { UnwindData } from "../../plugins/walltime/symbols/unwind-data.ts";

export function decodeUnwindData(bytes: Uint8Array): UnwindData & { variant: number } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const u64 = () => {
    const n = v.getBigUint64(at, true);
    at += 8;
    return n;
  };
  const vec = () => {
    const n = Number(u64());
    if (at + n > bytes.length) throw new Error(`length ${n} at ${at - 8} runs past the end`);
    const b = bytes.slice(at, at + n);
    at += n;
    return b;
  };
  const range = () => ({ start: u64(), end: u64() });
  const variant = v.getUint32(0, true);
  at = 4;
  if (variant !== 0 && variant !== 1) throw new Error(`unknown variant ${variant}`);
  const path = new TextDecoder("utf-8", { fatal: true }).decode(vec());
  let timestamp: bigint | undefined;
  if (variant === 1) {
    const tag = bytes[at++];
    if (tag !== 0 && tag !== 1) throw new Error(`bad Option tag ${tag}`);
    if (tag === 1) timestamp = u64();
  }
  const out = {
    variant,
    path,
    ...(timestamp === undefined ? {} : { timestamp }),
    avmaRange: range(),
    baseAvma: u64(),
    baseSvma: u64(),
    ehFrameHdr: vec(),
    ehFrameHdrSvma: range(),
    ehFrame: vec(),
    ehFrameSvma: range(),
  };
  if (at !== bytes.length) throw new Error(`${bytes.length - at} trailing bytes`);
  return out;
}
