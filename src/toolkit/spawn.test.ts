import { expect, test } from "bun:test";
import { PacerError } from "../errors.ts";
import { forEachLine } from "./lines.ts";
import { spawn } from "./spawn.ts";

test("streams stdout while the program runs and reports its exit code", async () => {
  const p = spawn(["bash", "-c", "printf 'a\\nb\\n'; echo err >&2; exit 3"]);
  const got: string[] = [];
  const [, err, { code }] = await Promise.all([forEachLine(p.stdout, (l) => got.push(l)), new Response(p.stderr).text(), p.exited]);
  expect(got).toEqual(["a", "b"]);
  expect(err).toBe("err\n");
  expect(code).toBe(3);
});

test("stdin, cwd and env reach the program", async () => {
  const p = spawn(["bash", "-c", 'cat; pwd; echo "$X"'], { stdin: "in\n", cwd: "/tmp", env: { X: "y", PATH: process.env.PATH! } });
  const [out] = await Promise.all([new Response(p.stdout).text(), p.exited]);
  expect(out).toBe("in\n/tmp\ny\n");
});

test("a killed program exits with null and its signal", async () => {
  const p = spawn(["sleep", "30"]);
  p.kill("SIGTERM");
  expect(await p.exited).toEqual({ code: null, signal: "SIGTERM" });
});

test("a timeout kills the program and rejects with an E_RUN error", async () => {
  const p = spawn(["sleep", "30"], { timeoutMs: 50 });
  const err = await p.exited.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(PacerError);
  expect((err as PacerError).message).toBe(`"sleep" did not finish within 0 s`);
});

test("a missing program is an E_RUN error naming it", () => {
  expect(() => spawn(["no-such-program-pacer-xyz"])).toThrow(`Cannot start "no-such-program-pacer-xyz"`);
});
