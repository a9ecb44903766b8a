/**
 * Numbers and tooltips of flame graphs. Counted units (instructions, samples, bytes) are whole
 * numbers: callgrind's call-graph expansion scales costs by edge shares, which left fractions like
 * `1,922.771 instructions` in the tooltips.
 *
 * @module
 */

const COUNTED = new Set(["instructions", "samples", "bytes", "allocations", "cycles", "events"]);

/** The number alone, with thousands separators. */
export function formatFlameNumber(value: number, unit: string | undefined): string {
  const v = !unit || COUNTED.has(unit) ? Math.round(value) : value;
  return v.toLocaleString("en-US", { maximumFractionDigits: 3 });
}

export function formatFlameValue(value: number, unit: string | undefined): string {
  return `${formatFlameNumber(value, unit)}${unit ? ` ${unit}` : ""}`;
}

export function formatShare(part: number, whole: number): string {
  const s = whole > 0 ? (part / whole) * 100 : 0;
  return `${s >= 10 || s === 0 ? s.toFixed(1) : s.toFixed(2)}%`;
}

export function formatChange(base: number | undefined, head: number): string {
  if (!base) return "new";
  const c = (head / base - 1) * 100;
  return `${c >= 0 ? "+" : ""}${c.toFixed(1)}%`;
}

/**
 * "name — value unit (x% of total, y% of parent)", and for a differential graph
 * "; base → head: a → b unit (change)".
 */
export function frameTooltip(o: { name: string; value: number; total: number; parent: number; unit?: string; base?: { value: number | undefined } }): string {
  let s = `${o.name} — ${formatFlameValue(o.value, o.unit)} (${formatShare(o.value, o.total)} of total, ${formatShare(o.value, o.parent)} of parent)`;
  if (o.base) {
    const b = o.base.value === undefined ? "absent" : formatFlameNumber(o.base.value, o.unit);
    s += `; base → head: ${b} → ${formatFlameValue(o.value, o.unit)} (${formatChange(o.base.value, o.value)})`;
  }
  return s;
}
