import { expect, test } from "bun:test";
import { ancestry, parentPid } from "./process-tree.ts";

test("parentPid() reads /proc on Linux and ps elsewhere, with the same answer", () => {
  expect(parentPid(process.pid, "linux")).toBe(process.ppid);
  // ps is what macOS uses: it runs here too, so both paths are checked against each other.
  expect(parentPid(process.pid, "darwin")).toBe(process.ppid);
  expect(parentPid(2 ** 22 + 12345, "linux")).toBeUndefined();
});

test("ancestry() walks from this process up to the root", () => {
  const chain = ancestry(process.pid);
  expect(chain.slice(0, 2)).toEqual([process.pid, process.ppid]);
  expect(parentPid(chain.at(-1)!)).toBeUndefined();
});
