/**
 * `pacer --version` must stay as cheap as a bare Bun executable (bench/startup.ts) as the code grows:
 * that holds while the entry's static import graph is tiny and everything else (commands, server,
 * dashboard, plugins) is reached only through `import()`, which `--splitting` keeps out of the
 * start-up chunk. Checked on the source, without timing.
 */
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const ROOT = join(import.meta.dir, "..");
const transpiler = new Bun.Transpiler({ loader: "ts" });

function importsOf(file: string) {
  // The transpiler rejects a shebang line outside the entry point.
  const code = readFileSync(file, "utf8").replace(/^#!.*\n/, "\n");
  if (file.endsWith(".json")) return [];
  return transpiler.scanImports(code).map((i) => ({ kind: i.kind, path: Bun.resolveSync(i.path, dirname(file)) }));
}

/** Every file reached from `entry` through static imports (`import … from`, `require`), entry included. */
function staticClosure(entry: string): string[] {
  const seen = new Set<string>([entry]);
  const todo = [entry];
  while (todo.length) {
    for (const i of importsOf(todo.pop()!)) {
      if (i.kind === "dynamic-import" || seen.has(i.path)) continue;
      seen.add(i.path);
      todo.push(i.path);
    }
  }
  return [...seen].map((f) => relative(ROOT, f)).sort();
}

test("src/cli.ts statically imports only the version (and the package.json it reads)", () => {
  expect(staticClosure(join(ROOT, "src", "cli.ts"))).toEqual(["package.json", "src/cli.ts", "src/version.ts"]);
});

test("every command (the server and dashboard come with serve and report) is a dynamic import of src/cli.ts", () => {
  const dynamic = importsOf(join(ROOT, "src", "cli.ts")).filter((i) => i.kind === "dynamic-import").map((i) => relative(ROOT, i.path));
  for (const command of ["run", "exec", "upload", "compare", "report", "serve"]) expect(dynamic).toContain(`src/commands/${command}.ts`);
  expect(dynamic).toContain("src/errors.ts");
});
