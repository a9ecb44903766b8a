import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  parseBpftraceVersion,
  parseGetconfLibc,
  parseLddVersion,
  parseNodeVersion,
  parsePerfVersion,
  parseValgrindVersion,
} from "./fingerprint-parse.ts";

const fixture = (name: string) => readFileSync(resolve(import.meta.dir, "../../test/fixtures/fingerprint", name), "utf8");

test.each([
  ["ldd-version.debian12.txt", parseLddVersion, "glibc 2.36"],
  ["ldd-version.musl.txt", parseLddVersion, "musl 1.2.3"],
  ["getconf-gnu-libc-version.debian12.txt", parseGetconfLibc, "glibc 2.36"],
  ["node-version.txt", parseNodeVersion, "20.20.2"],
  ["valgrind-version.txt", parseValgrindVersion, "3.19.0"],
  ["perf-version.txt", parsePerfVersion, "6.1.187"],
  ["bpftrace-version.txt", parseBpftraceVersion, "0.17.0"],
])("captured %s parses", (file, parse, expected) => {
  expect(parse(fixture(file))).toBe(expected);
});

test.each([
  // Build strings of other distributions (first line of `ldd --version`).
  ["ldd (Ubuntu GLIBC 2.35-0ubuntu3.8) 2.35\n", "glibc 2.35"],
  ["ldd (GNU libc) 2.39\n", "glibc 2.39"],
  ["", null],
  ["ldd: command not found", null],
])("parseLddVersion(%p)", (text, expected) => {
  expect(parseLddVersion(text)).toBe(expected);
});

test("a CodSpeed valgrind build keeps its suffix", () => {
  expect(parseValgrindVersion("valgrind-3.25.1.codspeed\n")).toBe("3.25.1.codspeed");
});

test.each([parseGetconfLibc, parseNodeVersion, parseValgrindVersion, parsePerfVersion, parseBpftraceVersion])(
  "%p gives null for unrelated text",
  (parse) => {
    expect(parse("something else entirely\n")).toBeNull();
  },
);
