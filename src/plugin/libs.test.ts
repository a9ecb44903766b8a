import { expect, test } from "bun:test";
import { pluginLibs } from "./libs.ts";

const { msgpack } = pluginLibs();

test("decodeAll reads back-to-back values, u64 as bigint", () => {
  const buf = new Uint8Array([...msgpack.encode({ a: 1 }), ...msgpack.encode({ t: 1n << 40n })]);
  expect(msgpack.decodeAll(buf)).toEqual([{ a: 1 }, { t: 1n << 40n }]);
});

test("decodeAll of an empty buffer is empty", () => {
  expect(msgpack.decodeAll(new Uint8Array(0))).toEqual([]);
});

test("a truncated tail throws with the values decoded before it", () => {
  const whole = new Uint8Array([...msgpack.encode({ a: 1 }), ...msgpack.encode({ b: 2 }), ...msgpack.encode({ c: "long text" })]);
  let err: unknown;
  try {
    msgpack.decodeAll(whole.subarray(0, whole.length - 3));
  } catch (e) {
    err = e;
  }
  expect((err as { values: unknown[] }).values).toEqual([{ a: 1 }, { b: 2 }]);
});
