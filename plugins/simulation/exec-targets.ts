/**
 * Checks `pacer exec` targets before anything runs: the program must exist and must not be a
 * statically linked executable.
 *
 * @module
 */
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { PacerError } from "../../src/index.ts";
import { readElf } from "../../src/toolkit/index.ts";

function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Resolves `argv0` as the shell would: a path if it has a slash, else the first match on `PATH`. */
export function resolveProgram(argv0: string, cwd: string, path: string): string | undefined {
  if (argv0.includes("/")) {
    const p = isAbsolute(argv0) ? argv0 : resolve(cwd, argv0);
    return isExecutableFile(p) ? p : undefined;
  }
  for (const dir of path.split(delimiter)) {
    if (dir === "") continue;
    const p = join(isAbsolute(dir) ? dir : resolve(cwd, dir), argv0);
    if (isExecutableFile(p)) return p;
  }
  return undefined;
}

/** Throws the reference's explanation when `program` is statically linked; scripts and dynamic ELF pass. */
export function assertDynamicallyLinked(program: string): void {
  const linkage = readElf(program)?.linkage;
  if (linkage === undefined || linkage === "dynamic") return;
  throw new PacerError(
    "E_RUN",
    `Cannot measure "${program}" in CPU simulation mode: the executable is statically linked${linkage === "static-pie" ? " (static-pie)" : ""}`,
    {
      hint:
        "CPU simulation of exec targets supports only dynamically linked executables, as the CodSpeed runner's " +
        "does. Please either use a dynamically linked executable, use a different measurement mode " +
        "(--mode walltime), or use one of the CodSpeed framework benchmark integrations",
    },
  );
}

/** Resolves and checks one target's program; returns its absolute path. */
export function checkExecTarget(argv: string[], cwd: string, path: string): string {
  const argv0 = argv[0];
  if (argv0 === undefined) throw new PacerError("E_USAGE", "Cannot run an empty command in CPU simulation mode");
  const program = resolveProgram(argv0, cwd, path);
  if (!program) {
    throw new PacerError("E_RUN", `Cannot find the program "${argv0}"`, {
      hint: argv0.includes("/") ? "Check the path and that the file is executable" : "Check that it is installed and on PATH",
    });
  }
  assertDynamicallyLinked(program);
  return program;
}
