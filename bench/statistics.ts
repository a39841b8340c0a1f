/** How the repetitions of one measurement are condensed into a figure. */

export interface Summary {
  /** The median repetition: robust to one slow outlier on a noisy machine. */
  median: number;
  min: number;
  max: number;
  /** Every repetition, in the order it ran. */
  samples: number[];
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new RangeError('summarize: no samples');
  for (const sample of samples) {
    if (!Number.isFinite(sample)) throw new RangeError(`summarize: sample ${sample} is not finite`);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], samples: [...samples] };
}

/** Reference median over CPython median; > 1 means the reference is faster. Null when CPython is 0. */
export function ratio(reference: Summary, cpython: Summary): number | null {
  return cpython.median === 0 ? null : reference.median / cpython.median;
}
