/**
 * Where a release's files are, the layout install.sh and scripts/release.ts share: a base URL
 * (GitHub's `https://github.com/<owner>/<repo>/releases`, or a self-hosted folder laid out the same
 * way) with `<base>/download/v<version>/<asset>` per version and `<base>/latest/download/<asset>`
 * for the latest one. The latest version's number is its `version.txt` asset
 * (`<base>/latest/download/version.txt`), which GitHub redirects to like any asset.
 *
 * @module
 */

export const DEFAULT_RELEASE_BASE = "https://github.com/pacer-dev/pacer/releases";

/** The release asset of a platform: `pacer-<linux|darwin>-<x64|arm64>`; undefined when none is built. */
export function assetName(platform: string = process.platform, arch: string = process.arch): string | undefined {
  if ((platform !== "linux" && platform !== "darwin") || (arch !== "x64" && arch !== "arm64")) return undefined;
  return `pacer-${platform}-${arch}`;
}

export const versionDir = (base: string, version: string): string => `${base.replace(/\/+$/, "")}/download/v${version}`;

export const latestVersionUrl = (base: string): string => `${base.replace(/\/+$/, "")}/latest/download/version.txt`;
