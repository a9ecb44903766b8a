/**
 * "Did you mean" for unknown config keys: the allowed key at the same level closest to the one
 * written, by spelling (kebab-case of `max_rounds`/`maxRounds`) then by edit distance.
 *
 * @module
 */

/** Optimal-string-alignment distance: Levenshtein plus adjacent transpositions (`defualt`). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

const kebab = (key: string) => key.replace(/[_\s]+/g, "-").replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

/**
 * The allowed key `key` was most likely meant to be, or undefined when none is close (at most one
 * edit per three characters).
 *
 * @example
 * ```ts
 * closestKey("defualt", ["default", "gate", "metrics"]); // "default"
 * closestKey("max_rounds", ["max-rounds", "min-rounds"]); // "max-rounds"
 * closestKey("colour", ["name", "exec"]);                 // undefined
 * ```
 */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  const written = kebab(key);
  const same = allowed.find((k) => kebab(k) === written);
  if (same) return same;
  let best: { key: string; distance: number } | undefined;
  for (const k of allowed) {
    const distance = editDistance(written, kebab(k));
    const limit = Math.max(1, Math.floor(Math.max(written.length, k.length) / 3));
    if (distance <= limit && (!best || distance < best.distance)) best = { key: k, distance };
  }
  return best?.key;
}

/** Keys CodSpeed renamed or pacer does not support, with the note shown instead of a guess. */
const NOTES: Record<string, string> = {
  targets: `it was renamed to "benchmarks" in CodSpeed 4.10`,
  entrypoint: `CodSpeed's entrypoint targets are not supported by pacer: use "exec"`,
};

/**
 * The error line for an unknown key at `path` (dot path including the key), e.g.
 * `thresholds.defualt: unknown key, did you mean "default"?`.
 */
export function unknownKeyMessage(path: string, key: string, allowed: readonly string[]): string {
  const note = Object.hasOwn(NOTES, key) ? NOTES[key] : undefined;
  if (note) return `${path}: unknown key: ${note}`;
  const guess = closestKey(key, allowed);
  if (guess) return `${path}: unknown key, did you mean "${guess}"?`;
  return `${path}: unknown key (expected one of ${allowed.map((k) => `"${k}"`).join(", ")})`;
}
