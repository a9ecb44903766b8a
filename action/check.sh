#!/usr/bin/env bash
# `pacer compare --check` after the run: fails the job on a regression; compare itself appends
# the Markdown summary to $GITHUB_STEP_SUMMARY. Base: `compare-base` input, else the server's
# choice (with server-url), else the latest run of the PR's base branch in the local history.
set -euo pipefail
[ "${INPUT_CHECK:-false}" = true ] || exit 0
if [ -n "${INPUT_SERVER_TOKEN:-}" ]; then export PACER_SERVER_TOKEN="$INPUT_SERVER_TOKEN"; fi
unset INPUT_TOKEN INPUT_SERVER_TOKEN
args=(compare --check)
[ -n "${INPUT_COMPARE_BASE:-}" ] && args+=("$INPUT_COMPARE_BASE")
[ -n "${INPUT_SERVER_URL:-}" ] && args+=("--server=$INPUT_SERVER_URL")
[ "${INPUT_ALLOW_NO_BASE:-false}" = true ] && args+=(--allow-no-base)
[ -n "${INPUT_WORKING_DIRECTORY:-}" ] && cd "$INPUT_WORKING_DIRECTORY"
pacer "${args[@]}"
