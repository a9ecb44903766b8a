import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SIM_FIXTURES } from "../../../test/simulation/fixtures.ts";
import { elfFromBytes } from "./file.ts";

const elfLinkage = (bytes: Uint8Array) => {
  const elf = elfFromBytes(bytes);
  return typeof elf === "string" ? "not-elf" : elf.linkage;
};

const head = (f: string) => new Uint8Array(readFileSync(join(SIM_FIXTURES, f)));

test("the linkage tells a gcc -static executable from Debian's dynamically linked /bin/true", () => {
  expect(elfLinkage(head("static-elf-head.bin"))).toBe("static");
  expect(elfLinkage(head("dynamic-elf-head.bin"))).toBe("dynamic");
});

test("the linkage treats scripts and short files as not ELF", () => {
  expect(elfLinkage(new TextEncoder().encode("#!/bin/sh\necho hi\n".padEnd(64, " ")))).toBe("not-elf");
  expect(elfLinkage(new Uint8Array([0x7f, 0x45]))).toBe("not-elf");
});

test("the linkage calls an executable with PT_DYNAMIC but no PT_INTERP static-pie", () => {
  const bytes = head("dynamic-elf-head.bin").slice();
  const view = new DataView(bytes.buffer);
  const phoff = Number(view.getBigUint64(32, true));
  const phnum = view.getUint16(56, true);
  // Turn PT_INTERP (3) into PT_NULL (0); /bin/true keeps its PT_DYNAMIC.
  for (let i = 0; i < phnum; i++) if (view.getUint32(phoff + i * 56, true) === 3) view.setUint32(phoff + i * 56, 0, true);
  expect(elfLinkage(bytes)).toBe("static-pie");
});
