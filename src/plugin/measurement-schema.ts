/**
 * What the host accepts from a plugin's `collect`: a {@link Measurement} whose columns have known
 * units and whose benchmarks each have a name, a URI and their metrics. A plugin is code the user
 * loads; its result is checked where the host receives it, so a mistake names the plugin and the
 * field instead of breaking the table, the history or the upload later.
 *
 * @module
 */
import * as v from "valibot";
import { PluginError } from "../errors.ts";
import { UNITS, type Measurement } from "./types.ts";

const UNIT_FORM = `one of ${UNITS.map((u) => `"${u}"`).join(", ")}`;
const text = (form: string) => v.pipe(v.string(form), v.nonEmpty(form));

const ColumnSchema = v.object(
  {
    key: text("a non-empty string"),
    label: v.string("a string"),
    unit: v.picklist(UNITS, UNIT_FORM),
    digits: v.optional(v.pipe(v.number("an integer from 0 to 20"), v.integer("an integer from 0 to 20"), v.minValue(0, "an integer from 0 to 20"), v.maxValue(20, "an integer from 0 to 20"))),
  },
  "a column { key, label, unit }",
);

const BenchmarkSchema = v.object(
  {
    name: v.string("a string"),
    uri: text("a non-empty string"),
    metrics: v.record(v.string(), v.nullable(v.union([v.number(), v.string()], "a number, a string or null")), "a mapping of metric values"),
    detail: v.optional(v.record(v.string(), v.unknown(), "a mapping"), undefined),
  },
  "a benchmark { name, uri, metrics }",
);

export const MeasurementSchema = v.object(
  {
    instrument: text("a non-empty string"),
    title: v.string("a string"),
    columns: v.array(ColumnSchema, "a list of columns"),
    benchmarks: v.array(BenchmarkSchema, "a list of benchmarks"),
    notes: v.optional(v.array(v.string("a string"), "a list of strings")),
  },
  "a measurement { instrument, title, columns, benchmarks }",
);

function show(input: unknown): string {
  if (Array.isArray(input)) return "a list";
  if (input === undefined) return "nothing";
  if (input === null) return "null";
  if (typeof input === "object") return "a mapping";
  return typeof input === "string" ? JSON.stringify(input) : String(input);
}

function describeIssue(issue: v.BaseIssue<unknown>, value: unknown): string {
  const path = issue.path ?? [];
  const dot = v.getDotPath(issue) ?? "";
  const last = path.at(-1);
  if (last?.key === "unit" && path.length === 3 && path[0]?.key === "columns") {
    const column = (value as Measurement).columns[Number(path[1]!.key)];
    return `column "${String(column?.key)}" has unknown unit ${show(issue.input)} (expected ${UNIT_FORM})`;
  }
  // A missing key is reported by the parent object's schema, whose message describes the parent.
  if (issue.type === "object" && issue.input === undefined && path.length > 0) return `${dot}: missing`;
  return `${dot === "" ? "the result" : dot}: expected ${issue.message}, got ${show(issue.input)}`;
}

/**
 * Returns `value` when it is a well-formed measurement (or nothing), else throws one
 * `[plugin <name>] collect: …` error naming the first bad field.
 *
 * @example
 * ```ts
 * checkMeasurement("my-plugin", { instrument: "x", title: "X", columns: [{ key: "t", label: "T", unit: "ms" }], benchmarks: [] });
 * // throws: [plugin my-plugin] collect: column "t" has unknown unit "ms" (expected one of "seconds", …)
 * ```
 */
export function checkMeasurement(plugin: string, value: unknown): Measurement | undefined {
  if (value === undefined) return undefined;
  const r = v.safeParse(MeasurementSchema, value);
  if (r.success) return value as Measurement;
  const [first, ...more] = r.issues;
  const extra = more.length ? ` (and ${more.length} more problem${more.length > 1 ? "s" : ""})` : "";
  throw new PluginError(plugin, "collect", `${describeIssue(first!, value)}${extra}`, {
    hint: `Fix the Measurement returned by the "collect" hook of plugin "${plugin}" (see Measurement in src/plugin/types.ts)`,
  });
}
