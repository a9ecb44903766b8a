/**
 * Help texts, kept apart from the commands so `pacer --help` loads nothing else.
 *
 * @module
 */
import { BUILTIN_MODES } from "../plugin/builtin-modes.ts";

const MODES = BUILTIN_MODES.map((m) => m.name).join(" | ");
const ALIASES = BUILTIN_MODES.flatMap((m) => (m.aliases ?? []).map((a) => `"${a}" = ${m.name}`)).join(", ");

const RUN_FLAGS = `
  -m, --mode <modes>            ${MODES} (comma list runs each in turn;
                                env CODSPEED_RUNNER_MODE; ${ALIASES}, deprecated)
      --working-directory <dir> Where the benchmark runs (default: config's, else the current dir)
      --profile-folder <dir>    Where artifacts go (default: $TMPDIR/profile.<random>.out)
      --config <file>           Config file (default: pacer.yml / codspeed.yml found up to the git root)
      --plugin <file.ts>        Load a user instrument plugin (repeatable)
      --allow-empty             No results is not an error
      --skip-setup              Do not install tools or change sysctls
      --no-probe-cache          Probe the instruments afresh (env PACER_PROBE_CACHE=0)
      --skip-run                Only upload an existing --profile-folder
      --skip-upload             Do not upload (env CODSPEED_SKIP_UPLOAD)
      --upload                  Upload from a local run too (CI uploads by default)
      --upload-url <url>        Upload endpoint (env CODSPEED_UPLOAD_URL)
      --token <token>           Upload token (env CODSPEED_TOKEN; the benchmark does not see it
                                unless PACER_PASS_TOKEN=1)
      --api-url <url>           API endpoint (env CODSPEED_API_URL)
      --compare <base>          After the run, compare with <base> (run id, git ref, latest) and gate
      --allow-no-base           With --compare: pass when no base run of the mode exists yet
      --perf-unwinding-mode <m> fp | dwarf (walltime; env CODSPEED_PERF_UNWINDING_MODE)
      --disable-perf            Walltime without perf profiling (env CODSPEED_PERF_ENABLED=false)
      --cycle-estimation[=bool] Simulation: cache model and estimated cycles (default true; env
                                CODSPEED_CYCLE_ESTIMATION); false = instruction counts only
      --exclude-allocations[=bool]
                                Simulation: leave malloc/free/new/delete out of the counts
                                (default false; env CODSPEED_EXCLUDE_ALLOCATIONS)
      --json                    Print machine-readable results on stdout
  -h, --help                    Show this help
`;

const EXEC_FLAGS = `
      --warmup-time <dur>       Warmup duration (default 1s; 0 disables)
      --max-time <dur>          Stop after this long (default 3s when no other limit is given)
      --min-time <dur>          Run at least this long
      --max-rounds <n>          At most n rounds
      --min-rounds <n>          At least n rounds
      --runs <n>                Exactly n rounds (hyperfine's --runs: --min-rounds n --max-rounds n)
  -w, --warmup <n>              A warmup of n rounds instead of a warmup time (hyperfine's; 0 = none)
  -i, --ignore-failure          Measure rounds that exit non-zero and record their status (hyperfine's)
      --quick                   Quick local preset: 0.1s warmup, 0.5s max time (CI keeps 1s / 3s)
      --command <sh>            A command to benchmark, a shell string (repeatable); several commands
                                are measured interleaved and compared to the first
      --name <name>             Benchmark name (repeatable: pairs with the commands in order, the
                                --command ones first, then the one after --; default: the command)
  -S, --shell <sh>              Shell for shell strings (default sh; "bash --norc"; none = -N); its
                                own cost (running '') is measured and subtracted, as hyperfine does
  -N, --no-shell                Spawn the commands directly (split like a shell, no expansion)
      --prepare <sh>            Run before each round, not timed (once for all, or once per command)
      --conclude <sh>           Run after each round, not timed (once for all, or once per command)
      --parameter-scan <n>=<a>..<b>  One benchmark per value of {n} from a to b (hyperfine's
                                -P <n> <a> <b> is accepted too)
      --parameter-step-size <x> The scan's step (default 1)
      --parameter-list <n>=<a,b>     One benchmark per listed value of {n} (hyperfine's -L <n> <a,b>)
      --export-json <file>      Write the results in hyperfine's JSON shape (seconds)
      --export-markdown <file>  Write hyperfine's Markdown table (Relative to the first command)
`;

export const RUN_HELP = `Usage: pacer run [options] [-- <command>...]

Runs a benchmark command that uses a CodSpeed integration under the chosen instrument. Without a
command, runs the \`benchmarks:\` targets of the config with pacer's harness.
${RUN_FLAGS}`;

export const EXEC_HELP = `Usage: pacer exec [options] [--command '<sh>']... [-- <command>...]

Benchmarks any commands: pacer runs each repeatedly (walltime) or once under the instrument. A
command after -- keeps its argv (spawned directly; a single word with spaces or shell syntax runs in
the shell). Several commands: rounds interleaved (A B C A B C…), each compared to the first as
"2.03 ± 0.05 × slower" (ratio of means, ± by error propagation of the standard deviations).

Examples:
  pacer exec -- sleep 0.01
  pacer exec --quick --command 'sleep 0.01' --command 'sleep 0.02'
  pacer exec --parameter-scan t=1..4 --command 'xz -T{t} -c big >/dev/null' --export-json out.json
${RUN_FLAGS}${EXEC_FLAGS}`;

export const MAIN_HELP = `pacer — a benchmark runner compatible with CodSpeed integrations

Usage: pacer <command> [options]

Commands:
  run      Run a benchmark suite that uses a CodSpeed integration (alias: r)
  exec     Benchmark any command (alias: x)
  setup    Install and configure what the instruments need
  doctor   Probe the machine and show what each instrument can use
  upload   Upload an existing profile folder
  analyze  Re-read a profile folder through its instruments and print the results
  plugin   Start a typed instrument plugin (pacer plugin init <name>)
  auth     Log in to the results server, show the login status
  runs     List the runs recorded locally
  compare  Compare two runs (and gate on thresholds with --check)
  report   Write an HTML report of a run
  export   Export results for other tools
  serve    Run a self-hosted results server (CodSpeed-compatible uploads, JSON API)
  use      Set the default mode for this shell session (pacer use walltime)
  show     Print the mode set by \`pacer use\` for this shell session
  update   Replace this binary with a newer (or a pinned) release, checksum verified

Options (any command, before \`--\`):
  -V, --version          Print the version
  -h, --help             Show this help (pacer <command> --help for a command's options)
      --color <when>     auto (default: colour on a terminal), always or never
  -q, --quiet            Only errors and the final result
  -v, --verbose          Debug lines, and every probe finding (reasons of the features off)
      --debug            Print the stack of an error

Most commands take --json: one object on stdout, {"schema": "pacer.<command>/1", ...}, logs on
stderr (docs/json-output.md).

Environment: CODSPEED_LOG=error|warn|info|debug|trace sets the log level; NO_COLOR=1 turns colour
off, FORCE_COLOR=1 on (also off a terminal; FORCE_COLOR=0 off); --color beats both.
`;
