#!/usr/bin/env bash
# Installs the pacer binary for this machine's OS/arch from a release, after checking its SHA-256
# against the release's SHA256SUMS. Used as is by action.yml.
#
#   curl -fsSL <release>/install.sh | bash -s -- [--version X.Y.Z|latest] [--install-dir DIR] [--quiet]
#
# Environment: PACER_VERSION, PACER_INSTALL_DIR, PACER_DOWNLOAD_URL (the releases base URL, e.g. a
# mirror: assets are fetched from <base>/download/v<version>/<asset>, or <base>/latest/download/<asset>),
# PACER_CHECKSUMS_FILE (lines "<version> <asset> <sha256>", embedded in the action by scripts/release.ts:
# a match there is checked against it; otherwise the SHA256SUMS beside the binary is used).
set -euo pipefail

DEFAULT_DOWNLOAD_URL="https://github.com/pacer-dev/pacer/releases"
version="${PACER_VERSION:-latest}"
install_dir="${PACER_INSTALL_DIR:-}"
base_url="${PACER_DOWNLOAD_URL:-$DEFAULT_DOWNLOAD_URL}"
quiet=0
checksums_file="${PACER_CHECKSUMS_FILE:-}"

say() { [ "$quiet" = 1 ] || echo "pacer-install: $*" >&2; }
die() { echo "pacer-install: error: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --version) version="${2:?--version needs a value}"; shift 2 ;;
    --version=*) version="${1#*=}"; shift ;;
    --install-dir) install_dir="${2:?--install-dir needs a value}"; shift 2 ;;
    --install-dir=*) install_dir="${1#*=}"; shift ;;
    --download-url) base_url="${2:?--download-url needs a value}"; shift 2 ;;
    --download-url=*) base_url="${1#*=}"; shift ;;
    --checksums) checksums_file="${2:?--checksums needs a value}"; shift 2 ;;
    --quiet) quiet=1; shift ;;
    -h|--help) sed -n '2,9p' "$0" 2>/dev/null || true; exit 0 ;;
    *) die "unknown option \"$1\"" ;;
  esac
done

case "$(uname -s)" in
  Linux) os="linux" ;;
  # macOS: walltime timings and exec; simulation and memory need Linux.
  Darwin) os="darwin" ;;
  *) die "pacer releases are built for Linux and macOS only, not \"$(uname -s)\"" ;;
esac
case "$(uname -m)" in
  x86_64|amd64) arch="x64" ;;
  aarch64|arm64) arch="arm64" ;;
  *) die "no pacer release for architecture \"$(uname -m)\" (x86_64 and aarch64/arm64 only)" ;;
esac
asset="pacer-$os-$arch"

version="${version#v}"
if [ "$version" = "latest" ]; then
  url_dir="${base_url%/}/latest/download"
else
  [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]] || die "invalid version \"$version\" (expected X.Y.Z or latest)"
  url_dir="${base_url%/}/download/v$version"
fi

if [ -z "$install_dir" ]; then
  if [ "$(id -u)" = 0 ]; then install_dir="/usr/local/bin"; else install_dir="$HOME/.local/bin"; fi
fi

fetch() { # fetch <url> <file>
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 3 --retry-delay 1 -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q -O "$2" "$1"
  else
    die "neither curl nor wget is installed"
  fi
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

say "downloading $asset ($version) from $url_dir"
fetch "$url_dir/$asset" "$tmp/$asset" || die "cannot download \"$url_dir/$asset\""
embedded=""
if [ -n "$checksums_file" ] && [ "$version" != "latest" ] && [ -r "$checksums_file" ]; then
  embedded="$(awk -v v="$version" -v a="$asset" '$1 == v && $2 == a { print $3 }' "$checksums_file" | head -n1)"
fi
actual="$(sha256_of "$tmp/$asset")"
if [ -n "$embedded" ]; then
  if [ "$actual" != "$embedded" ]; then
    die "checksum mismatch for \"$asset\" $version: the checksum embedded in the action is $embedded, the download's is $actual. Refusing to install it"
  fi
  say "verified against the checksum embedded in the action for $version"
else
  fetch "$url_dir/SHA256SUMS" "$tmp/SHA256SUMS" || die "cannot download \"$url_dir/SHA256SUMS\""
  expected="$(awk -v a="$asset" '$2 == a || $2 == "*" a { print $1 }' "$tmp/SHA256SUMS" | head -n1)"
  [ -n "$expected" ] || die "SHA256SUMS has no entry for \"$asset\": refusing to install an unverified binary"
  if [ "$actual" != "$expected" ]; then
    die "checksum mismatch for \"$asset\": SHA256SUMS says $expected, the download is $actual. Refusing to install a corrupt download"
  fi
  echo "pacer-install: warning: no checksum embedded for version \"$version\": checked against the SHA256SUMS downloaded from the same place, which catches a corrupt download but not a tampered release" >&2
fi

mkdir -p "$install_dir"
install -m 0755 "$tmp/$asset" "$install_dir/pacer.tmp.$$"
mv -f "$install_dir/pacer.tmp.$$" "$install_dir/pacer"
say "installed $install_dir/pacer (sha256 $actual)"
case ":$PATH:" in *":$install_dir:"*) ;; *) say "add $install_dir to PATH to use it" ;; esac
