/**
 * Orders pacer versions (`X.Y.Z`, optionally `-pre`): enough semver for `pacer update` to tell
 * an upgrade from a downgrade.
 *
 * @module
 */
import { PacerError } from "../errors.ts";

const VERSION_RE = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;

/** `v1.2.3` and `1.2.3` are the same version; anything else is a usage error naming `what`. */
export function parseVersion(raw: string, what: string): string {
  const v = raw.trim().replace(/^v/, "");
  if (!VERSION_RE.test(v)) throw new PacerError("E_USAGE", `Invalid ${what} "${raw}": expected X.Y.Z`, { hint: "Give a release version, e.g. --version 0.2.0" });
  return v;
}

/** Negative when a < b, 0 when equal, positive when a > b; a pre-release sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const pa = VERSION_RE.exec(a)!;
  const pb = VERSION_RE.exec(b)!;
  for (let i = 1; i <= 3; i++) {
    const d = Number(pa[i]) - Number(pb[i]);
    if (d !== 0) return d;
  }
  if (pa[4] === pb[4]) return 0;
  if (pa[4] === undefined) return 1;
  if (pb[4] === undefined) return -1;
  return pa[4] < pb[4] ? -1 : 1;
}
