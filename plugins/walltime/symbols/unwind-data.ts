/**
 * `<pid>_<avma_start:x>_<avma_end:x>_<timestamp or 0>.unwind_data` files (reference §4.8): the
 * module's `.eh_frame` and `.eh_frame_hdr` with their stated address ranges, so the CodSpeed backend
 * can DWARF-unwind perf's stack copies. Encoded as bincode 1 (legacy: little-endian, fixed-width
 * integers) of `UnwindDataCompat::V2` (variant tag 1):
 * `String` = u64 length + UTF-8, `Option<u64>` = u8 tag + value, `Range<u64>` = start, end,
 * `Vec<u8>` = u64 length + bytes.
 *
 * @module
 */
import { readSection, sectionByName, type ElfFile } from "../../../src/toolkit/elf/file.ts";
import { baseSvma, wrapAdd } from "./load-bias.ts";

export interface Range64 {
  start: bigint;
  end: bigint;
}

/** The fields of `UnwindDataCompat::V2`, in order. */
export interface UnwindData {
  path: string;
  timestamp?: bigint;
  avmaRange: Range64;
  baseAvma: bigint;
  baseSvma: bigint;
  ehFrameHdr: Uint8Array;
  ehFrameHdrSvma: Range64;
  ehFrame: Uint8Array;
  ehFrameSvma: Range64;
}

const V2 = 1;

/** bincode bytes of `UnwindDataCompat::V2(u)`. */
export function encodeUnwindData(u: UnwindData): Uint8Array {
  const path = Buffer.from(u.path, "utf8");
  const size = 4 + 8 + path.length + 1 + (u.timestamp === undefined ? 0 : 8) + 16 + 8 + 8 + 8 + u.ehFrameHdr.length + 16 + 8 + u.ehFrame.length + 16;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  let at = 0;
  const u64 = (n: bigint) => {
    v.setBigUint64(at, n, true);
    at += 8;
  };
  const bytes = (b: Uint8Array) => {
    u64(BigInt(b.length));
    out.set(b, at);
    at += b.length;
  };
  const range = (r: Range64) => {
    u64(r.start);
    u64(r.end);
  };
  v.setUint32(at, V2, true);
  at += 4;
  bytes(path);
  out[at++] = u.timestamp === undefined ? 0 : 1;
  if (u.timestamp !== undefined) u64(u.timestamp);
  range(u.avmaRange);
  u64(u.baseAvma);
  u64(u.baseSvma);
  bytes(u.ehFrameHdr);
  range(u.ehFrameHdrSvma);
  bytes(u.ehFrame);
  range(u.ehFrameSvma);
  return out;
}

/** `<pid>_<avma_start:x>_<avma_end:x>_<timestamp or 0>.unwind_data` */
export function unwindDataFileName(pid: number, u: Pick<UnwindData, "avmaRange" | "timestamp">): string {
  return `${pid}_${u.avmaRange.start.toString(16)}_${u.avmaRange.end.toString(16)}_${u.timestamp ?? 0}.unwind_data`;
}

/** The module's unwind sections, read once per module and shared by every mapping of it. */
export interface UnwindSections {
  baseSvma: bigint;
  ehFrameHdr: Uint8Array;
  ehFrameHdrSvma: Range64;
  ehFrame: Uint8Array;
  ehFrameSvma: Range64;
}

/** `.eh_frame` and `.eh_frame_hdr` of `elf`, or a reason string when one is missing. */
export function readUnwindSections(elf: ElfFile): UnwindSections | string {
  const hdr = sectionByName(elf, ".eh_frame_hdr");
  const frame = sectionByName(elf, ".eh_frame");
  if (!frame) return "no .eh_frame section";
  if (!hdr) return "no .eh_frame_hdr section";
  const svma = (s: { addr: bigint; size: number }) => ({ start: s.addr, end: s.addr + BigInt(s.size) });
  return { baseSvma: baseSvma(elf.loads), ehFrameHdr: readSection(elf, hdr), ehFrameHdrSvma: svma(hdr), ehFrame: readSection(elf, frame), ehFrameSvma: svma(frame) };
}

/** The unwind data of one mapping `[start, end)` of a module loaded with `bias`. */
export function unwindData(path: string, sections: UnwindSections, avmaRange: Range64, bias: bigint): UnwindData {
  return { path, avmaRange, baseAvma: wrapAdd(sections.baseSvma, bias), ...sections };
}
