/** Small order statistics for benchmark samples (milliseconds unless said otherwise). */

export interface Summary {
  n: number;
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
  mean: number;
}

/** The q-quantile (0–1) of `sorted` by linear interpolation. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  return {
    n,
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: n ? sorted[0]! : NaN,
    max: n ? sorted[n - 1]! : NaN,
    mean: n ? sorted.reduce((a, b) => a + b, 0) / n : NaN,
  };
}

export const median = (samples: readonly number[]): number => summarize(samples).median;

/** A number for a table cell: `digits` decimals below 10, fewer above; "n/a" when not finite. */
export function fmt(x: number | undefined | null, digits = 2): string {
  if (x === undefined || x === null || !Number.isFinite(x)) return 'n/a';
  const abs = Math.abs(x);
  const d = abs >= 1000 ? 0 : abs >= 100 ? Math.min(digits, 0) : abs >= 10 ? Math.min(digits, 1) : digits;
  return x.toFixed(d);
}

/** "median (p25–p75, n=…)" for a summary. */
export function spread(s: Summary, unit = 'ms'): string {
  return `${fmt(s.median)} ${unit} (IQR ${fmt(s.p25)}–${fmt(s.p75)}, n=${s.n})`;
}
