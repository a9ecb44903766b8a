#!/usr/bin/env bash
# `pacer run` with the action's inputs. The token goes through the environment, never argv: argv
# is visible to every process on the runner.
set -euo pipefail
if [ -n "${INPUT_TOKEN:-}" ]; then export CODSPEED_TOKEN="$INPUT_TOKEN"; fi
# A pacer server takes CodSpeed-style uploads; with neither token, `id-token: write` gives an OIDC JWT.
if [ -n "${INPUT_SERVER_TOKEN:-}" ]; then export CODSPEED_TOKEN="$INPUT_SERVER_TOKEN"; fi
unset INPUT_TOKEN INPUT_SERVER_TOKEN
args=(run "--mode=$INPUT_MODE")
[ -n "${INPUT_WORKING_DIRECTORY:-}" ] && args+=("--working-directory=$INPUT_WORKING_DIRECTORY")
if [ -n "${INPUT_SERVER_URL:-}" ]; then
  args+=("--upload-url=${INPUT_SERVER_URL%/}/upload" "--api-url=${INPUT_SERVER_URL%/}/graphql")
elif [ -n "${INPUT_UPLOAD_URL:-}" ]; then
  args+=("--upload-url=$INPUT_UPLOAD_URL")
fi
[ "${INPUT_ALLOW_EMPTY:-false}" = true ] && args+=(--allow-empty)
[ -n "${INPUT_CONFIG:-}" ] && args+=("--config=$INPUT_CONFIG")
[ "${INPUT_SKIP_UPLOAD:-false}" = true ] && args+=(--skip-upload)
# Empty = pacer's default (cycle estimation on, allocations counted), as CodSpeed's action omits them.
[ -n "${INPUT_CYCLE_ESTIMATION:-}" ] && args+=("--cycle-estimation=$INPUT_CYCLE_ESTIMATION")
[ -n "${INPUT_EXCLUDE_ALLOCATIONS:-}" ] && args+=("--exclude-allocations=$INPUT_EXCLUDE_ALLOCATIONS")
[ -n "${INPUT_RUN:-}" ] && args+=(-- "$INPUT_RUN")
pacer "${args[@]}"
