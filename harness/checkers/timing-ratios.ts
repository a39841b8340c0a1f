import type { Judgement, Measurement } from '../../spec/claim';

/**
 * Timing claims judged as ratios inside one run: a program times several strategies (serial,
 * threads, processes, a pool) round after round, interleaved, so that the load of a shared
 * machine falls on all of them alike; the ratio of two strategies is taken within each round,
 * and the verdict rests on the ratios, never on a duration.
 *
 * Two readings of the per-round ratios, for the two kinds of statement:
 * - `median`: what the strategies typically do (A costs more than B; A gains nothing over B).
 * - `best`: what a strategy can do at all (A can finish in well under B's time). A busy machine
 *   only ever slows a strategy down, and in a round where other work takes the second core no
 *   strategy can run in parallel; the round where the machine was freest shows the capacity.
 */

/** One timing of one strategy in one round, as the program reported it. */
export interface TimedSample {
  strategy: string;
  round: number;
  /** elapsed milliseconds */
  ms: number;
  /** CPU milliseconds the program and its ended children used meanwhile */
  cpuMs?: number;
}

export type TimingMetric = 'ms' | 'cpuMs';

export interface RatioSummary {
  /** `numerator / denominator` */
  name: string;
  metric: TimingMetric;
  /** One ratio per round that timed both strategies, in round order. */
  perRound: number[];
  median: number;
  /** The smallest ratio: the round most favourable to the numerator. */
  best: number;
  worst: number;
}

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The ratio `numerator / denominator` of `metric` in every round that timed both; undefined if
 * no round did. A zero denominator counts as the smallest measurable amount (0.01 ms), so that
 * a strategy too cheap to measure still yields a finite, very large ratio.
 */
export function roundRatios(samples: TimedSample[], numerator: string, denominator: string, metric: TimingMetric = 'ms'): RatioSummary | undefined {
  const rounds = [...new Set(samples.map((s) => s.round))].sort((a, b) => a - b);
  const perRound: number[] = [];
  for (const round of rounds) {
    const top = samples.find((s) => s.round === round && s.strategy === numerator)?.[metric];
    const bottom = samples.find((s) => s.round === round && s.strategy === denominator)?.[metric];
    if (top === undefined || bottom === undefined) continue;
    perRound.push(top / Math.max(bottom, 0.01));
  }
  if (perRound.length === 0) return undefined;
  const sorted = [...perRound].sort((a, b) => a - b);
  return { name: `${numerator} / ${denominator}`, metric, perRound, median: median(sorted), best: sorted[0], worst: sorted[sorted.length - 1] };
}

/** A bound on one reading of a ratio: e.g. the median of processes / threads at least 1.5. */
export interface RatioBound {
  numerator: string;
  denominator: string;
  metric?: TimingMetric;
  reading: 'median' | 'best';
  atMost?: number;
  atLeast?: number;
  /** Appended to a failure: what else could explain it (e.g. no free core). */
  hint?: string;
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));

function describeBound(b: RatioBound): string {
  const what = `${b.reading === 'median' ? 'median' : 'best'} ${b.metric === 'cpuMs' ? 'CPU-time' : 'elapsed-time'} ratio ${b.numerator} / ${b.denominator}`;
  const limits = [b.atLeast === undefined ? undefined : `≥ ${b.atLeast}`, b.atMost === undefined ? undefined : `≤ ${b.atMost}`].filter((x) => x !== undefined);
  return `${what} ${limits.join(' and ')}`;
}

/** Judges one bound; the evidence carries every per-round ratio. */
export function checkRatio(samples: TimedSample[], bound: RatioBound): Judgement {
  const summary = roundRatios(samples, bound.numerator, bound.denominator, bound.metric);
  const wanted = describeBound(bound);
  if (summary === undefined) return { ok: false, message: `${wanted}: no round timed both ${bound.numerator} and ${bound.denominator}` };
  const value = bound.reading === 'median' ? summary.median : summary.best;
  const ok = (bound.atLeast === undefined || value >= bound.atLeast) && (bound.atMost === undefined || value <= bound.atMost);
  const evidence = { ratio: summary.name, metric: summary.metric, perRound: summary.perRound.map((r) => Number(r.toFixed(3))), median: Number(summary.median.toFixed(3)), best: Number(summary.best.toFixed(3)) };
  const rounds = summary.perRound.map(fmt).join(', ');
  return ok
    ? { ok, message: `${wanted}: ${fmt(value)} (rounds: ${rounds})`, evidence }
    : { ok, message: `expected the ${wanted}, got ${fmt(value)} (rounds: ${rounds})${bound.hint === undefined ? '' : `; ${bound.hint}`}`, evidence };
}

/** A chartable figure for a ratio: its median, with the best and worst rounds as the range. */
export function ratioMeasurement(summary: RatioSummary, label: string): Measurement {
  return {
    name: `${summary.name} (${summary.metric === 'cpuMs' ? 'CPU time' : 'elapsed time'})`,
    unit: 'ratio',
    values: [{ label, value: Number(summary.median.toFixed(3)), min: Number(summary.best.toFixed(3)), max: Number(summary.worst.toFixed(3)) }],
  };
}
