/**
 * The `node` introspection shim put first on PATH in simulation, walltime and memory: CodSpeed's node
 * integrations need V8 flags (`--allow-natives-syntax`…) that cannot go through NODE_OPTIONS, so the
 * shim asks the program which flags it wants and runs it again with them.
 *
 * @module
 */
import { lstatSync, readFileSync, unlinkSync } from "node:fs";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { NODE_INTROSPECTION_PREFIX, NODE_SHIM_MARK } from "../toolkit/node-shim-mark.ts";
import { benchmarkUid } from "../toolkit/owned-file.ts";

// Why each step:
// - The real node is looked up on PATH minus this shim, but PATH itself is passed on unchanged, so a
//   node started by the program (`npm run bench` → `node bench.js`) goes through the shim too.
// - Run 1 sets __CODSPEED_NODE_CORE_INTROSPECTION_PATH__: @codspeed/core then writes
//   `{"flags": [...]}` there and exits before benchmarking. Any other program runs fully, writes
//   nothing, and its exit status is the result.
// - The JSON is read by the real node (no jq on most machines), one flag per line.
// - Run 2 gets the flags, not the variable (else it would introspect again), and `exec`s so signals
//   and the exit status reach the caller directly.
// - /tmp/perf-<pid>.map has two writers, and both follow any link there: V8 with --perf-basic-prof,
//   and @codspeed/core's native addon, which opens it O_WRONLY|O_CREAT|O_TRUNC in every
//   CODSPEED_RUNNER_MODE but walltime, whatever the flags (its `setupCore` starts its LinuxPerf
//   code-event handler; seen with strace). Another local user can plant a link for an upcoming pid
//   and make a root run overwrite its target. The shim creates the file first (noclobber: O_EXCL),
//   so node opens a file of ours. When the name is taken by anything else, it drops V8's flag; when
//   the addon will write it, no flag stops that, so node is not run and the error names the file.
//   The shim lists the pid beside itself: the instrument moves the maps it needs into the profile
//   folder, and the run removes the others ({@link removeNodePerfMaps}).
// - With --perf-prof (walltime) V8 writes `jit-<pid>.dump` and `isolate-*-<pid>-v8.log` into its cwd,
//   the user's project, where an interrupted or killed run would leave them. The log goes to the
//   profile folder by --logfile (V8 puts the isolate prefix after the last "/"). The jitdump name is
//   fixed, but its pid is known: `exec` keeps the shell's `$$`. A symlink `jit-$$.dump` in the cwd
//   points V8's open into the profile folder, and a background loop removes the link as soon as the
//   target exists (V8 opens the file once, at isolate start), so the cwd holds it for milliseconds.

/** The file beside the shim listing the pids whose `/tmp/perf-<pid>.map` it made for V8. */
const PERF_MAP_PIDS = "perf-map-pids";

const SCRIPT = `#!/usr/bin/env bash
# ${NODE_SHIM_MARK} (generated; see src/run/node-shim.ts)

debug() {
  if [[ "\${CODSPEED_DEBUG:-}" == "true" || "\${PACER_LOG:-\${CODSPEED_LOG:-}}" == "debug" ]]; then
    echo "[pacer node shim] $*" >&2
  fi
}

self="\${BASH_SOURCE[0]}"
unset __CODSPEED_NODE_CORE_INTROSPECTION_PATH__

real_node=""
IFS=: read -r -a path_entries <<< "$PATH"
for entry in "\${path_entries[@]}"; do
  [[ -n "$entry" && -x "$entry/node" && ! -d "$entry/node" ]] || continue
  [[ "$entry/node" -ef "$self" ]] && continue
  real_node="$entry/node"
  break
done
if [[ -z "$real_node" ]]; then
  echo "pacer: node not found in PATH (outside the introspection shim \\"$self\\")" >&2
  exit 127
fi

introspection_file="$(mktemp "\${TMPDIR:-/tmp}/${NODE_INTROSPECTION_PREFIX}XXXXXX")" || exit 1
trap 'rm -f "$introspection_file"' EXIT
debug "real node: $real_node, introspection file: $introspection_file"

__CODSPEED_NODE_CORE_INTROSPECTION_PATH__="$introspection_file" "$real_node" "$@"
status=$?

if [[ ! -s "$introspection_file" ]]; then
  rm -f "$introspection_file"
  debug "not a CodSpeed benchmark, exit status $status"
  exit "$status"
fi

flags_text="$("$real_node" -e '
  const { flags } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (!Array.isArray(flags)) throw new Error("\\"flags\\" is not an array");
  for (const f of flags) console.log(String(f));
' "$introspection_file")"
parse_status=$?
rm -f "$introspection_file"
if [[ $parse_status -ne 0 ]]; then
  echo "pacer: cannot read the V8 flags written by the CodSpeed integration" >&2
  exit 1
fi
flags=()
if [[ -n "$flags_text" ]]; then
  mapfile -t flags <<< "$flags_text"
fi
# V8 and @codspeed/core open /tmp/perf-<pid>.map (and V8, with --perf-prof, ./jit-<pid>.dump) by a
# fixed name and follow links: each must be a file of ours before node starts, or its writer is
# stopped. One name, one file: a hard link to another file is not ours either.
ours() { [[ -f "$1" && ! -L "$1" && -O "$1" && "$(stat -c %h -- "$1")" == 1 ]]; }
drop_flag() {
  local f kept=()
  for f in "\${flags[@]}"; do [[ "$f" == "$1" ]] || kept+=("$f"); done
  flags=("\${kept[@]}")
  echo "pacer: \\"$2\\" is not a file of this user (another user may have planted a link there): node runs without $1" >&2
}
has_flag() { [[ " \${flags[*]} " == *" $1 "* ]]; }
map="/tmp/perf-$$.map"
# @codspeed/core's rule (getCodspeedRunnerMode, setupCore): enabled by CODSPEED_ENV, its map outside walltime.
core_writes_map=false
[[ -n "\${CODSPEED_ENV:-}" && "\${CODSPEED_RUNNER_MODE:-}" != walltime ]] && core_writes_map=true
made_map() {
  # noclobber (O_EXCL) in this shell, not a subshell: under valgrind a forked bash is one more
  # traced process, with a profile of its own.
  local made=1
  set -C
  { : > "$map"; } 2>/dev/null && made=0
  set +C
  return $made
}
if has_flag --perf-basic-prof || $core_writes_map; then
  # noclobber opens an existing file that is not a regular one (a link to a device) without failing:
  # a fresh file is a regular one, not a link; anything else must pass the full check.
  if made_map && [[ -f "$map" && ! -L "$map" ]] || ours "$map"; then
    # The run removes the maps it did not keep: a node nobody sampled leaves none in /tmp.
    echo "$$" >> "\${self%/*}/${PERF_MAP_PIDS}"
  elif $core_writes_map; then
    echo "pacer: \\"$map\\" is not a file of this user (another user may have planted a link there), and @codspeed/core would write it through any link: node is not run. Remove \\"$map\\" and run again" >&2
    exit 1
  else
    drop_flag --perf-basic-prof "$map"
  fi
fi
artifacts=()
profile="\${CODSPEED_PROFILE_FOLDER:-}"
if has_flag --perf-prof; then
  target="$profile/jit-$$.dump"
  if [[ "$profile" == /* && -d "$profile" && ! -L "$profile" ]] && rm -f "$target" && ln -s "$target" "jit-$$.dump" 2>/dev/null; then
    artifacts=("--logfile=$profile/v8.log")
    link="$PWD/jit-$$.dump"
    # V8 creates the target through the link as its isolate starts; the link goes right after, or as
    # soon as node is gone. In a session of its own, so stopping the benchmark's process group (or
    # pacer dying) cannot kill it before it removes the link from the project.
    setsid bash -c 'for ((i = 0; i < 2000; i++)); do [[ -e "$1" ]] && break; kill -0 "$3" 2>/dev/null || break; sleep 0.005; done; [[ -L "$2" ]] && rm -f "$2"' _ "$target" "$link" "$$" </dev/null >/dev/null 2>&1 &
  elif [[ -e "jit-$$.dump" || -L "jit-$$.dump" ]] && ! ours "jit-$$.dump"; then
    drop_flag --perf-prof "$PWD/jit-$$.dump"
  fi
fi
debug "re-running with flags: \${artifacts[*]} \${flags[*]}"
exec "$real_node" "\${artifacts[@]}" "\${flags[@]}" "$@"
`;

/** Where a run with the shim puts it, in the instrument's temp folder. */
export const nodeShimDir = (tempDir: string) => join(tempDir, "introspected_node");

/**
 * Writes the shim as `<dir>/node` (mode 0755), creating `dir`, and returns its path. Put `dir`
 * first on the benchmark's PATH.
 *
 * @example
 * ```ts
 * const shim = await writeNodeShim(join(tmpdir(), "pacer_introspected_node"));
 * env.PATH = `${dirname(shim)}:${env.PATH}`;
 * ```
 */
export async function writeNodeShim(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, "node");
  await writeFile(path, SCRIPT);
  await chmod(path, 0o755);
  return path;
}

/**
 * Removes the `/tmp/perf-<pid>.map` files the shim in `dir` made that are still there once the run
 * is collected: the instrument moved the ones it uses, and a node it did not sample or measure (a
 * helper, a child that exited early) must not leave its map behind. Only a regular file of pacer's
 * own uid is removed (never through a link). Returns how many were.
 */
export function removeNodePerfMaps(dir: string, tmp = "/tmp"): number {
  let pids: string[];
  try {
    pids = readFileSync(join(dir, PERF_MAP_PIDS), "utf8").split("\n");
  } catch {
    return 0;
  }
  const uid = benchmarkUid();
  let removed = 0;
  for (const pid of new Set(pids)) {
    if (!/^\d+$/.test(pid)) continue;
    const path = join(tmp, `perf-${pid}.map`);
    try {
      const st = lstatSync(path);
      if (!st.isFile() || st.uid !== uid) continue;
      unlinkSync(path);
      removed++;
    } catch {
      // Already moved or removed.
    }
  }
  return removed;
}
