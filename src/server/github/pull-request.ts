/**
 * Which pull request a run belongs to: the upload metadata's `ref` (`refs/pull/N/merge`, as
 * GitHub Actions, pacer's uploader and CodSpeed's runner send it; the number lives only there).
 *
 * @module
 */

export interface RunOrigin {
  event: string;
  /** null for a push, a schedule or a local run. */
  pr: number | null;
  /** `repositoryProvider` (`GITHUB`, `GITLAB`, `PROJECT`); null when the client sent none. */
  provider: string | null;
}

export function originOf(metadataJson: string | undefined): RunOrigin {
  let m: { event?: unknown; ref?: unknown; repositoryProvider?: unknown } = {};
  try {
    m = metadataJson ? (JSON.parse(metadataJson) as typeof m) : {};
  } catch {
    // Stored by ingest after validation: unreadable means no origin, not a failure.
  }
  const event = typeof m.event === "string" ? m.event : "local";
  const pr = /^refs\/pull\/(\d+)\/(merge|head)$/.exec(typeof m.ref === "string" ? m.ref : "");
  return { event, pr: pr ? Number(pr[1]) : null, provider: typeof m.repositoryProvider === "string" ? m.repositoryProvider : null };
}

/**
 * Runs GitHub hears about: pull requests and pushes from CI, not local runs, and not a GitLab
 * merge request (its `refs/pull/N/merge` names a GitLab number, not a GitHub one).
 */
export function wantsFeedback(o: RunOrigin): boolean {
  if (o.provider !== null && o.provider !== "GITHUB") return false;
  return o.pr !== null || o.event === "push";
}
