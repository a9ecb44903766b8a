/**
 * How to re-invoke pacer itself (for the exec harness): the compiled binary alone, or `bun <cli.ts>`
 * when running from source.
 *
 * @module
 */
export function isCompiled(): boolean {
  return Bun.main.includes("$bunfs") || Bun.main.startsWith("B:/~BUN");
}

export function selfCommand(): string[] {
  return isCompiled() ? [process.execPath] : [process.execPath, Bun.main];
}
