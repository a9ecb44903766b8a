/**
 * Two results with one URI (a suite run twice, two processes writing the same benchmark): the
 * table would show both while history and compare, keyed by URI, keep one. Both are kept, the
 * later ones renamed `<uri> (2)`, `<name> (2)`…, and a warning names the files.
 *
 * @module
 */

export interface Named {
  file: string;
  bench: { name: string; uri: string };
}

/** Returns the entries with each URI made distinct (order kept); `warn` gets one line per duplicated URI. */
export function distinctUris<T extends Named>(entries: T[], warn: (msg: string) => void): T[] {
  const seen = new Map<string, string[]>();
  const taken = new Set(entries.map((e) => e.bench.uri));
  const out = entries.map((e) => {
    const files = seen.get(e.bench.uri);
    if (!files) {
      seen.set(e.bench.uri, [e.file]);
      return e;
    }
    files.push(e.file);
    let n = files.length;
    while (taken.has(`${e.bench.uri} (${n})`)) n++;
    const uri = `${e.bench.uri} (${n})`;
    taken.add(uri);
    return { ...e, bench: { ...e.bench, uri, name: `${e.bench.name} (${n})` } };
  });
  for (const [uri, files] of seen) {
    if (files.length < 2) continue;
    const where = [...new Set(files)].map((f) => `"${f}"`).join(", ");
    warn(`Benchmark "${uri}" is reported ${files.length} times (in ${where}): all are kept, the later ones as "${uri} (2)"…`);
  }
  return out;
}
