import { expect, test } from "bun:test";
import { splitShellWords } from "./shell-words.ts";

test.each([
  ["node bench.js", ["node", "bench.js"]],
  ["  spaced   out  ", ["spaced", "out"]],
  [`a "b c" 'd e'`, ["a", "b c", "d e"]],
  [`a\\ b`, ["a b"]],
  [`say "it\\"s"`, ["say", `it"s`]],
  [`'$HOME' $HOME`, ["$HOME", "$HOME"]],
  [`a|b > c`, ["a|b", ">", "c"]],
  [`x""y`, ["xy"]],
  [`""`, [""]],
  [`node -e "console.log('hi')"`, ["node", "-e", "console.log('hi')"]],
  ["", []],
])("splitShellWords(%p) gives %p (no expansion, no operators)", (text, argv) => {
  expect(splitShellWords(text)).toEqual({ ok: true, argv });
});

test.each([
  [`echo "oops`, "unclosed quote"],
  [`echo 'oops`, "unclosed quote"],
  [`echo oops\\`, "trailing backslash"],
])("splitShellWords(%p) fails with %p", (text, reason) => {
  expect(splitShellWords(text)).toEqual({ ok: false, reason });
});
