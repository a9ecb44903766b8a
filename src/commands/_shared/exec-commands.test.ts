import { expect, test } from "bun:test";
import { PacerError } from "../../errors.ts";
import { execCommands, shellPrefix } from "./exec-commands.ts";

function usageError(f: () => unknown): PacerError {
  try {
    f();
  } catch (e) {
    expect((e as PacerError).code).toBe("E_USAGE");
    return e as PacerError;
  }
  throw new Error("expected a usage error");
}

test("argv after -- is kept as given and spawned directly (CodSpeed compatibility)", () => {
  const [t] = execCommands(["sleep", "0.01"], {}, { maxRounds: 3 });
  expect(t).toEqual({ name: "sleep 0.01", uri: "exec_harness::sleep 0.01", argv: ["sleep", "0.01"], walltime: { maxRounds: 3 } });
});

test("a lone positional with spaces or shell syntax runs through the shell", () => {
  const [t] = execCommands(["sleep 0.01 | cat"], {}, {});
  expect(t!.argv).toEqual(["sh", "-c", "sleep 0.01 | cat"]);
  expect(t!.shell).toEqual(["sh", "-c"]);
  expect(t!.name).toBe("sleep 0.01 | cat");
  // A plain program name stays a direct spawn.
  expect(execCommands(["true"], {}, {})[0]!.shell).toBeUndefined();
});

test("--command strings come first, then the command after --; names pair in that order", () => {
  const ts = execCommands(["sleep", "0.03"], { command: ["sleep 0.01", "sleep 0.02"], name: ["ten", "twenty", "thirty"] }, {});
  expect(ts.map((t) => t.name)).toEqual(["ten", "twenty", "thirty"]);
  expect(ts.map((t) => t.argv)).toEqual([["sh", "-c", "sleep 0.01"], ["sh", "-c", "sleep 0.02"], ["sleep", "0.03"]]);
  expect(ts[2]!.shell).toBeUndefined();
});

test("--shell sets the shell (a command line is split), -N and --shell none spawn directly", () => {
  expect(shellPrefix({ shell: "bash --norc" })).toEqual(["bash", "--norc", "-c"]);
  expect(shellPrefix({ shell: "default" })).toEqual(["sh", "-c"]);
  expect(shellPrefix({ "no-shell": true })).toBeUndefined();
  expect(shellPrefix({ shell: "none" })).toBeUndefined();
  const [t] = execCommands([], { command: ["printf '%s' 'a b'"], "no-shell": true }, {});
  expect(t!.argv).toEqual(["printf", "%s", "a b"]);
  expect(t!.shell).toBeUndefined();
  expect(usageError(() => shellPrefix({ shell: "bash", "no-shell": true })).message).toBe('Both --no-shell and --shell "bash" are given');
});

test("parameters expand each command to one benchmark per value, in names and commands", () => {
  const ts = execCommands([], { command: ["sleep 0.0{n}"], name: ["s{n}"], "parameter-list": ["n=1,2"] }, {});
  expect(ts.map((t) => [t.name, t.argv.at(-1), t.parameters])).toEqual([
    ["s1", "sleep 0.01", { n: "1" }],
    ["s2", "sleep 0.02", { n: "2" }],
  ]);
  const argv = execCommands(["sleep", "0.0{n}"], { "parameter-scan": ["n=1..2"] }, {});
  expect(argv.map((t) => t.argv)).toEqual([["sleep", "0.01"], ["sleep", "0.02"]]);
});

test("--prepare and --conclude: one for all or one per command, run with the same shell", () => {
  const all = execCommands([], { command: ["a", "b"], prepare: ["sync"] }, {});
  expect(all.map((t) => t.prepare)).toEqual([["sh", "-c", "sync"], ["sh", "-c", "sync"]]);
  const each = execCommands([], { command: ["a", "b"], conclude: ["x", "y"] }, {});
  expect(each.map((t) => t.conclude)).toEqual([["sh", "-c", "x"], ["sh", "-c", "y"]]);
  expect(usageError(() => execCommands([], { command: ["a", "b", "c"], prepare: ["x", "y"] }, {})).message).toBe("2 --prepare given for 3 commands");
});

test("usage errors: no command, more names than commands, an empty command, two benchmarks with one name", () => {
  expect(usageError(() => execCommands([], {}, {})).message).toBe("No command given to benchmark");
  expect(usageError(() => execCommands(["true"], { name: ["a", "b"] }, {})).message).toBe("2 --name given for 1 command(s)");
  expect(usageError(() => execCommands([], { command: ["  "] }, {})).message).toContain("The benchmark command is empty");
  expect(usageError(() => execCommands([""], {}, {})).message).toContain('the program name after "--" is ""');
  expect(usageError(() => execCommands([], { command: ["true", "true"] }, {})).message).toBe('Two benchmarks are named "true"');
});

test("two shell strings after -- (hyperfine's way) are refused with the --command form in the hint", () => {
  const e = usageError(() => execCommands(["sleep 0.01", "sleep 0.02"], {}, {}));
  expect(e.message).toBe('Cannot run "sleep 0.01" as a program: the words after "--" are one command and its arguments');
  expect(e.hint).toBe("To benchmark several commands, give each with --command: pacer exec --command 'sleep 0.01' --command 'sleep 0.02'");
  // An argv whose arguments have spaces is fine.
  expect(execCommands(["sh", "-c", "sleep 0.01"], {}, {})[0]!.argv).toEqual(["sh", "-c", "sleep 0.01"]);
});
