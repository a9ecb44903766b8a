import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeUnwindData } from "../../../test/helpers/decode-unwind-data.ts";
import { SHT_PROGBITS, tinyElf } from "../../../test/helpers/tiny-elf.ts";
import { withElf } from "../../../src/toolkit/elf/file.ts";
import { encodeUnwindData, readUnwindSections, unwindData, unwindDataFileName, type UnwindData } from "./unwind-data.ts";

const LIBC = ["/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6", "/usr/lib64/libc.so.6"].find(existsSync);
const dir = mkdtempSync(join(tmpdir(), "pacer-unwind-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tiny: UnwindData = {
  path: "/a",
  timestamp: 7n,
  avmaRange: { start: 0x1000n, end: 0x2000n },
  baseAvma: 0x1000n,
  baseSvma: 0n,
  ehFrameHdr: new Uint8Array([0xaa]),
  ehFrameHdrSvma: { start: 0x10n, end: 0x11n },
  ehFrame: new Uint8Array([0xbb, 0xcc]),
  ehFrameSvma: { start: 0x20n, end: 0x22n },
};

const le64 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >> 24) & 0xff, 0, 0, 0, 0];

describe("unwind data encoding", () => {
  test("bytes of a tiny V2 value, field by field", () => {
    expect([...encodeUnwindData(tiny)]).toEqual([
      ...[1, 0, 0, 0], // variant V2
      ...le64(2), 0x2f, 0x61, // path "/a"
      1, ...le64(7), // Some(7)
      ...le64(0x1000), ...le64(0x2000), // avma_range
      ...le64(0x1000), // base_avma
      ...le64(0), // base_svma
      ...le64(1), 0xaa, // eh_frame_hdr
      ...le64(0x10), ...le64(0x11),
      ...le64(2), 0xbb, 0xcc, // eh_frame
      ...le64(0x20), ...le64(0x22),
    ]);
    const none = encodeUnwindData({ ...tiny, timestamp: undefined });
    expect(none[4 + 8 + 2]).toBe(0);
    expect(none.length).toBe(encodeUnwindData(tiny).length - 8);
  });

  test("round-trips through an independent decoder, with and without a timestamp", () => {
    expect(decodeUnwindData(encodeUnwindData(tiny))).toEqual({ variant: 1, ...tiny });
    const { timestamp: _, ...untimed } = tiny;
    expect(decodeUnwindData(encodeUnwindData(untimed))).toEqual({ variant: 1, ...untimed });
  });

  test("file names use lowercase hex ranges and 0 for no timestamp", () => {
    expect(unwindDataFileName(42, { avmaRange: { start: 0x7fABn, end: 0x7fFFn } })).toBe("42_7fab_7fff_0.unwind_data");
    expect(unwindDataFileName(42, tiny)).toBe("42_1000_2000_7.unwind_data");
  });
});

describe("unwind sections of ELF files", () => {
  test.skipIf(!LIBC)("libc: .eh_frame_hdr (version 1) and .eh_frame with their stated ranges; base_avma = first PT_LOAD + bias", () => {
    const got = withElf(LIBC!, (elf) => {
      const s = readUnwindSections(elf);
      if (typeof s === "string") throw new Error(s);
      return { s, hdr: elf.sections.find((x) => x.name === ".eh_frame_hdr")! };
    });
    if (typeof got === "string") throw new Error(got);
    const { s, hdr } = got;
    expect(s.ehFrameHdr[0]).toBe(1);
    expect(s.ehFrameHdr.length).toBe(hdr.size);
    expect(s.ehFrameHdrSvma).toEqual({ start: hdr.addr, end: hdr.addr + BigInt(hdr.size) });
    expect(s.ehFrame.length).toBeGreaterThan(1000);
    expect(s.ehFrameSvma.end - s.ehFrameSvma.start).toBe(BigInt(s.ehFrame.length));
    const u = unwindData(LIBC!, s, { start: 0x7f0000026000n, end: 0x7f000017c000n }, 0x7f0000000000n);
    expect(u.baseAvma).toBe(0x7f0000000000n + s.baseSvma);
    expect(decodeUnwindData(encodeUnwindData(u))).toEqual({ variant: 1, ...u });
  });

  test("a module without .eh_frame_hdr or .eh_frame is skipped with the reason", () => {
    const onlyFrame = join(dir, "only-frame.so");
    writeFileSync(onlyFrame, tinyElf([{ name: ".eh_frame", type: SHT_PROGBITS, addr: 0x2000n, data: new Uint8Array(8) }], [{ offset: 0n, vaddr: 0n, filesz: 0x100n }]));
    expect(withElf(onlyFrame, readUnwindSections)).toBe("no .eh_frame_hdr section");
    const none = join(dir, "none.so");
    writeFileSync(none, tinyElf([]));
    expect(withElf(none, readUnwindSections)).toBe("no .eh_frame section");
  });
});
