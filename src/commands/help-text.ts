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
      --json                    Print machine-readable results on stdout
  -h, --help                    Show this help
`;

const EXEC_FLAGS = `
      --warmup-time <dur>       Warmup duration (default 1s; 0 disables)
      --max-time <dur>          Stop after this long (default 3s when no other limit is given)
      --min-time <dur>          Run at least this long
      --max-rounds <n>          At most n rounds
      --min-rounds <n>          At least n rounds
      --name <name>             Benchmark name (default: the command line)
`;

export const RUN_HELP = `Usage: pacer run [options] [-- <command>...]

Runs a benchmark command that uses a CodSpeed integration under the chosen instrument. Without a
command, runs the \`benchmarks:\` targets of the config with pacer's harness.
${RUN_FLAGS}`;

export const EXEC_HELP = `Usage: pacer exec [options] -- <command>...

Benchmarks any command: pacer runs it repeatedly (walltime) or once under the instrument.
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

Options:
  -V, --version  Print the version
  -h, --help     Show this help (pacer <command> --help for a command's options)

Environment: CODSPEED_LOG=error|warn|info|debug|trace sets the log level.
`;
