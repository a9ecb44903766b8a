/**
 * The relative comparison of `pacer exec` commands to the first, as hyperfine computes it: the
 * ratio of means, with the uncertainty propagated from both standard deviations,
 * σ_r = r · √((σa/a)² + (σb/b)²).
 *
 * @module
 */

export interface MeanStd {
  mean: number;
  stddev: number;
}

export interface Relative {
  /** mean of this command over mean of the reference (1 for the reference itself). */
  ratio: number;
  ratio_stddev: number;
}

/** `b` relative to the reference `a`; undefined when `a`'s mean is 0 (nothing to divide by). */
export function relativeTo(a: MeanStd, b: MeanStd): Relative | undefined {
  if (!(a.mean > 0)) return undefined;
  const ratio = b.mean / a.mean;
  const ra = a.stddev / a.mean;
  const rb = b.mean > 0 ? b.stddev / b.mean : 0;
  return { ratio, ratio_stddev: ratio * Math.sqrt(ra * ra + rb * rb) };
}

/**
 * `2.03 ± 0.05 × slower than sleep 0.01` (or `faster`, with the inverse ratio as hyperfine prints it);
 * the reference itself is `reference`.
 */
export function describeRelative(r: Relative, reference: string, isReference: boolean): string {
  if (isReference) return "reference";
  if (r.ratio >= 1) return `${r.ratio.toFixed(2)} ± ${r.ratio_stddev.toFixed(2)} × slower than ${reference}`;
  // hyperfine shows a faster command as 1/r times faster; the error scales as σ/r².
  const inv = 1 / r.ratio;
  return `${inv.toFixed(2)} ± ${(r.ratio_stddev * inv * inv).toFixed(2)} × faster than ${reference}`;
}
