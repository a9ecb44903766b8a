import { expect, test } from "bun:test";
import { PacerError } from "../errors.ts";
import { commandString, shellQuote, shellQuoteArg, shellSplit } from "./shell.ts";

test("plain words stay as they are", () => {
  expect(commandString(["node", "bench.mjs", "--x=1"])).toBe("node bench.mjs --x=1");
});

test("arguments with spaces and quotes reach bash intact", () => {
  const argv = ["printf", "%s|", "a b", "it's", 'say "hi"', "$HOME", "", "'"];
  const out = Bun.spawnSync(["bash", "-c", commandString(argv)]).stdout.toString();
  expect(out).toBe("a b|it's|say \"hi\"|$HOME||'|");
});

test("a single argument is a shell script (multi-line works)", () => {
  const script = "echo one\necho two | tr a-z A-Z";
  expect(commandString([script])).toBe(script);
  expect(Bun.spawnSync(["bash", "-c", commandString([script])]).stdout.toString()).toBe("one\nTWO\n");
});

test("the empty string is quoted", () => {
  expect(shellQuoteArg("")).toBe("''");
});

test("split undoes quote", () => {
  const argv = ["a b", "it's", 'x"y', "", "$HOME", "tab\there"];
  expect(shellSplit(shellQuote(argv))).toEqual(argv);
});

test("an unclosed quote is a usage error naming the text", () => {
  let err: unknown;
  try {
    shellSplit(`echo "oops`);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(PacerError);
  expect((err as PacerError).code).toBe("E_USAGE");
  expect((err as PacerError).message).toBe(`Cannot split the command line "echo "oops": unclosed quote`);
});
