#!/usr/bin/env bash
# Checks the CodSpeedHQ/action inputs pacer cannot honour (refused with ::error) and resolves the
# pacer version to install; writes `version=` to $GITHUB_OUTPUT. Inputs arrive as INPUT_* variables.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pinned="$(tr -d '[:space:]' < "$here/version.txt")"
fail=0
refuse() { echo "::error title=Unsupported input '$1'::$2"; fail=1; }
note() { echo "::notice title=Input '$1'::$2"; }

[ -z "${INPUT_MODE:-}" ] && refuse mode "Set 'mode' to simulation, walltime or memory"
[ -n "${INPUT_INSTRUMENTS:-}" ] && refuse instruments "pacer has no CodSpeed instruments (\"${INPUT_INSTRUMENTS}\"); remove the input"
[ -n "${INPUT_GO_RUNNER_VERSION:-}" ] && refuse go-runner-version "pacer does not install CodSpeed's Go runner; remove the input"
# Passed to `pacer run` as --cycle-estimation=<v> / --exclude-allocations=<v> (action/run.sh).
case "${INPUT_CYCLE_ESTIMATION:-}" in true|false|"") ;; *) refuse cycle-estimation "expected true or false, got \"${INPUT_CYCLE_ESTIMATION}\"" ;; esac
case "${INPUT_EXCLUDE_ALLOCATIONS:-}" in true|false|"") ;; *) refuse exclude-allocations "expected true or false, got \"${INPUT_EXCLUDE_ALLOCATIONS}\"" ;; esac
case "${INPUT_CACHE_INSTRUMENTS:-true}" in true|false|"") ;; *) refuse cache-instruments "expected true or false, got \"${INPUT_CACHE_INSTRUMENTS}\"" ;; esac
[ -n "${INPUT_INSTRUMENTS_CACHE_DIR:-}" ] && note instruments-cache-dir "accepted: pacer uses the system's valgrind/perf, there is nothing to cache"
case "${INPUT_SKIP_HASH_CHECK_WARNING:-false}" in false|"") ;; *) note skip-hash-check-warning "accepted: pacer's install is always checked, with no warning to skip" ;; esac

v="${INPUT_RUNNER_VERSION:-}"
v="${v#v}"
if [ -z "$v" ]; then
  v="$pinned"
elif [ "$v" != latest ]; then
  major="${v%%.*}"
  if ! [[ "$v" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { [ "$major" != 0 ] && ! grep -q "^$v " "$here/checksums.txt"; }; then
    # CodSpeed's runner numbering (4.x, v4.3.0) is not pacer's: installing it would 404 or worse.
    echo "::warning title=runner-version::\"${INPUT_RUNNER_VERSION}\" is a CodSpeed runner version, not a pacer version: installing pacer $pinned, the version this action pins"
    v="$pinned"
  fi
fi
[ "$fail" = 0 ] || exit 1
echo "version=$v" >> "${GITHUB_OUTPUT:?}"
