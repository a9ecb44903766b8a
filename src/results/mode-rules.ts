/**
 * The rules a measurement is read with (headline, per-metric compare and export rules): saved with
 * the measurement since the mode declared them, else the built-in mode of the same name (records
 * written before measurements carried their rules).
 *
 * @module
 */
import { BUILTIN_MODES } from "../plugin/builtin-modes.ts";
import type { Measurement, MeasurementRules, ModeSpec } from "../plugin/types.ts";

/** The data part of a mode spec, as saved with each of its measurements. */
export function rulesOfMode(spec: ModeSpec): MeasurementRules {
  return { mode: spec.name, headline: spec.headline, flameUnit: spec.flameUnit, metrics: spec.metrics };
}

export function rulesOf(m: Pick<Measurement, "instrument" | "rules">): MeasurementRules | undefined {
  if (m.rules) return m.rules;
  const builtin = BUILTIN_MODES.find((s) => s.name === m.instrument);
  return builtin && rulesOfMode(builtin);
}
