/**
 * `pacer update`: replaces this binary with the latest (or a pinned) release for this platform,
 * after checking it against the release's `SHA256SUMS`; refuses a downgrade unless asked.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { basename } from "node:path";
import { PacerError } from "../errors.ts";
import { checksumFor, download } from "../update/download.ts";
import { DEFAULT_RELEASE_BASE, assetName, latestVersionUrl, versionDir } from "../update/release-url.ts";
import { replaceBinary } from "../update/replace-binary.ts";
import { compareVersions, parseVersion } from "../update/version-order.ts";
import { VERSION } from "../version.ts";
import { parseFlags } from "./_shared/parse.ts";
import { stdout, stderr } from "../log/console-out.ts";

const HELP = `Usage: pacer update [--version X.Y.Z] [--allow-downgrade] [--url <release base>] [--json]

Replaces this pacer binary with the latest release (or --version) for this OS and architecture,
verified against the release's SHA256SUMS. The old binary stays in place on any failure.

Releases: <base>/download/v<X.Y.Z>/pacer-<os>-<arch> and SHA256SUMS beside it; the latest
version's number is <base>/latest/download/version.txt. Default base: ${DEFAULT_RELEASE_BASE}
(env PACER_DOWNLOAD_URL, as install.sh).

Options:
      --version <v>       Install this version instead of the latest
      --allow-downgrade   Allow installing an older version than this one
      --url <base>        Release base URL (a mirror or a self-hosted folder)
      --json              Print {"schema": "pacer.update/1", "from", "to", "updated", "path"}
  -h, --help              Show this help
`;

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** The binary to replace: this compiled executable, never the bun running `src/cli.ts`. */
function installedBinary(): string {
  const exe = process.execPath;
  if (/^bun(-debug)?(\.exe)?$/.test(basename(exe))) {
    throw new PacerError("E_USAGE", `Cannot update: pacer runs from source ("${exe}" is the Bun runtime, not a pacer binary)`, {
      hint: "Use git pull in the checkout, or install a release binary with install.sh",
    });
  }
  return exe;
}

export default async function update(argv: string[]): Promise<number> {
  const { values } = parseFlags(
    "update",
    argv,
    { version: { type: "string" }, "allow-downgrade": { type: "boolean" }, url: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    false,
  );
  if (values.help) {
    stdout.write(HELP);
    return 0;
  }
  const base = values.url ?? (process.env.PACER_DOWNLOAD_URL || DEFAULT_RELEASE_BASE);
  const asset = assetName();
  if (!asset) throw new PacerError("E_USAGE", `No pacer release is built for "${process.platform}-${process.arch}"`, { hint: "Build pacer from source (npm run build)" });
  const target = installedBinary();
  const to = values.version
    ? parseVersion(values.version, "--version")
    : parseVersion(new TextDecoder().decode(await download(latestVersionUrl(base))), `latest version (${latestVersionUrl(base)})`);
  const order = compareVersions(to, VERSION);
  const say = (updated: boolean, text: string) => {
    if (values.json) stdout.write(`${JSON.stringify({ schema: "pacer.update/1", from: VERSION, to, updated, path: target })}\n`);
    else stderr.write(`${text}\n`);
  };
  if (order === 0) {
    say(false, `pacer ${VERSION} is already installed ("${target}")`);
    return 0;
  }
  if (order < 0 && !values["allow-downgrade"]) {
    throw new PacerError("E_USAGE", `Refusing to downgrade pacer from ${VERSION} to ${to}`, { hint: "Pass --allow-downgrade to install the older version anyway" });
  }
  const dir = versionDir(base, to);
  const sums = new TextDecoder().decode(await download(`${dir}/SHA256SUMS`));
  const expected = checksumFor(sums, asset);
  if (!expected) throw new PacerError("E_IO", `"${dir}/SHA256SUMS" has no entry for "${asset}"`, { hint: "The release is incomplete: refusing an unverified binary" });
  const bytes = await download(`${dir}/${asset}`);
  const actual = sha256(bytes);
  if (actual !== expected) {
    throw new PacerError("E_IO", `Checksum mismatch for "${dir}/${asset}": SHA256SUMS says ${expected}, the download is ${actual}`, {
      hint: `"${target}" is unchanged; try again, or report a broken release`,
    });
  }
  replaceBinary(target, bytes);
  say(true, `Updated pacer ${VERSION} → ${to} ("${target}", sha256 ${actual})`);
  return 0;
}
