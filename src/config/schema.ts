/**
 * The project config file (`pacer.yml`, or CodSpeed's `codspeed.yml`) as written in YAML: kebab-case
 * keys, the CodSpeed keys (`options`, `benchmarks`) plus pacer's own (`plugins`, `instruments`,
 * `thresholds`, `history`). Pure validation, no transforms (a JSON Schema can be generated from it,
 * with `check` actions ignored); `normalize.ts` turns the result into the camelCase `PacerConfig`.
 *
 * Each schema's message is the EXPECTED FORM of the value: `issues.ts` prints it as
 * `<key path>: expected <message>, got <value>`.
 *
 * @module
 */
import * as v from "valibot";
import { ThresholdsSchema } from "../compare/thresholds.ts";
import { parseDuration } from "./duration.ts";
import { splitShellWords } from "./shell-words.ts";

const DURATION_FORM = `a duration such as "1s", "500ms", "2m" or a number of seconds`;
const ROUNDS_FORM = "an integer >= 0";
// Rounds and nanoseconds travel as JS numbers (and as JSON to the exec harness): above 2^53 they
// silently change value, so the config refuses them here, with the key, not later in the harness.
const ROUNDS_MAX_FORM = `an integer of at most ${Number.MAX_SAFE_INTEGER}`;
const DURATION_MAX_FORM = "a duration of at most 104 days (2^53 nanoseconds)";
const PATH_FORM = "a path (string)";

const duration = (what: string) =>
  v.optional(
    v.pipe(
      v.union([v.string(), v.number()], DURATION_FORM),
      v.check((value) => parseDuration(value) !== null, DURATION_FORM),
      v.check((value) => Number.isSafeInteger(parseDuration(value)), DURATION_MAX_FORM),
      v.description(what),
    ),
  );

const rounds = (what: string) =>
  v.optional(
    v.pipe(
      v.number(ROUNDS_FORM),
      v.integer(ROUNDS_FORM),
      v.minValue(0, ROUNDS_FORM),
      v.safeInteger(ROUNDS_MAX_FORM),
      v.description(what),
    ),
  );

/** Walltime loop options, shared by the root `options` and each benchmark's `options`. */
const walltimeEntries = {
  "warmup-time": duration("Time spent running the command before measuring; 0 disables warmup"),
  "max-time": duration("Stop measuring after this much time"),
  "min-time": duration("Keep measuring for at least this much time"),
  "max-rounds": rounds("Run at most this many measured rounds"),
  "min-rounds": rounds("Run at least this many measured rounds"),
};

const OPTIONS_FORM = "a mapping of working-directory, warmup-time, max-time, min-time, max-rounds, min-rounds";

export const RootOptionsSchema = v.strictObject(
  {
    "working-directory": v.optional(
      v.pipe(v.string(PATH_FORM), v.description("Directory the benchmark command runs in, relative to the config file")),
    ),
    ...walltimeEntries,
  },
  OPTIONS_FORM,
);

export const TargetOptionsSchema = v.strictObject(walltimeEntries, "a mapping of warmup-time, max-time, min-time, max-rounds, min-rounds");

const EXEC_FORM = `a command string such as "node bench.js --fast"`;

export const TargetSchema = v.strictObject(
  {
    name: v.optional(v.pipe(v.string("a string"), v.description("Benchmark name; defaults to the command"))),
    exec: v.pipe(
      v.string(EXEC_FORM),
      v.check((s) => {
        const r = splitShellWords(s);
        return r.ok && r.argv.length > 0;
      }, (issue) => {
        const r = splitShellWords(String(issue.input));
        return r.ok ? `${EXEC_FORM}, not an empty one` : `${EXEC_FORM} without ${r.reason === "unclosed quote" ? "an unclosed quote" : `a ${r.reason}`}`;
      }),
      v.description("Command to benchmark, split into words like a POSIX shell does (no shell runs it)"),
    ),
    options: v.optional(v.pipe(TargetOptionsSchema, v.description("Walltime options for this benchmark, over the root options")), {}),
  },
  `a mapping with an "exec" command, e.g. { name: my-bench, exec: "node bench.js" }`,
);

const OPTIONS_OBJECT_FORM = "a mapping of option names to values";
const PLUGIN_FORM = `"./plugin.ts" or ["./plugin.ts", { options }]`;

export const PluginRefSchema = v.union(
  [
    v.pipe(v.string(), v.nonEmpty(PLUGIN_FORM)),
    v.strictTuple(
      [v.pipe(v.string(), v.nonEmpty(PLUGIN_FORM)), v.optional(v.record(v.string(), v.unknown(), OPTIONS_OBJECT_FORM))],
      PLUGIN_FORM,
    ),
  ],
  PLUGIN_FORM,
);

export const HistorySchema = v.strictObject(
  {
    path: v.optional(v.pipe(v.string(PATH_FORM), v.description("Where runs are saved, relative to the config file"))),
    enabled: v.optional(v.pipe(v.boolean("true or false"), v.description("Whether runs are saved and compared"))),
  },
  "a mapping of path, enabled",
);

export const ServerSchema = v.object(
  {
    url: v.optional(v.pipe(v.string("a URL such as \"https://bench.example.com\""), v.url("a URL such as \"https://bench.example.com\""), v.description("Results server (`pacer serve`) that `compare --server` and `runs --server` read"))),
    // Accepted by the schema only so that a rule can refuse it by name (without echoing the value).
    token: v.optional(v.pipe(v.unknown(), v.description("Refused: a token belongs in PACER_SERVER_TOKEN, never in the config file"))),
  },
  "a mapping of url",
);

/**
 * The whole config file. Every key is optional and every object is strict: CodSpeed ignores unknown
 * keys, pacer refuses them (with a "did you mean"), because an ignored typo silently changes what is
 * measured or gated. `mode` is CodSpeed's old key: accepted, and warned about by a rule.
 */
export const ConfigSchema = v.strictObject(
  {
    options: v.optional(v.pipe(RootOptionsSchema, v.description("Options for every benchmark (CodSpeed `options`)")), {}),
    benchmarks: v.optional(
      v.pipe(
        v.array(TargetSchema, "a list of benchmarks, each { name, exec, options }"),
        v.description("Commands measured by `pacer run` without a command (CodSpeed `benchmarks`)"),
      ),
      [],
    ),
    plugins: v.optional(
      v.pipe(v.array(PluginRefSchema, `a list of plugins, each ${PLUGIN_FORM}`), v.description("User instrument plugins")),
      [],
    ),
    instruments: v.optional(
      v.pipe(
        v.record(v.string(), v.nullable(v.record(v.string(), v.unknown(), OPTIONS_OBJECT_FORM)), "a mapping from plugin name to its options"),
        v.description("Options per instrument plugin, validated by that plugin's own schema"),
      ),
      {},
    ),
    thresholds: v.optional(v.pipe(ThresholdsSchema, v.description("Regression thresholds of `pacer compare --check`"))),
    history: v.optional(v.pipe(HistorySchema, v.description("Local run history")), {}),
    mode: v.optional(v.pipe(v.unknown(), v.description("Ignored: CodSpeed removed it in 4.10 (pass --mode)"))),
    server: v.optional(v.pipe(ServerSchema, v.description("Self-hosted results server")), {}),
  },
  "a mapping of options, benchmarks, plugins, instruments, thresholds, history, server",
);

/** The config file's content after validation, still in its YAML (kebab-case) shape. */
export type RawConfig = v.InferOutput<typeof ConfigSchema>;
