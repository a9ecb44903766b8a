import { expect, test } from "bun:test";
import { commandString, quoteArg } from "./shell-quote.ts";

test("plain words stay as they are", () => {
  expect(commandString(["node", "bench.mjs", "--x=1"])).toBe("node bench.mjs --x=1");
});

test("arguments with spaces and quotes reach bash intact", async () => {
  const argv = ["printf", "%s|", "a b", "it's", 'say "hi"', "$HOME", ""];
  const out = Bun.spawnSync(["bash", "-c", commandString(argv)]).stdout.toString();
  expect(out).toBe("a b|it's|say \"hi\"|$HOME||");
});

test("a single argument is a shell script (multi-line works)", () => {
  const script = "echo one\necho two | tr a-z A-Z";
  expect(commandString([script])).toBe(script);
  expect(Bun.spawnSync(["bash", "-c", commandString([script])]).stdout.toString()).toBe("one\nTWO\n");
});

test("quoteArg quotes the empty string", () => {
  expect(quoteArg("")).toBe("''");
});
