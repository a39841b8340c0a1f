import type { Claim } from '../../spec/claim';

/**
 * Whether a claim may run side by side with others (the runner's `concurrency`). A claim is
 * `exclusive` when its verdict rests on how long things take or on having the cores to itself:
 * it then runs alone, with nothing else of this run beside it. Everything else is `shared`:
 * its scenarios own their objects, workers, processes and (ephemeral) ports, so another
 * claim's run cannot change what it records; only the timing can shift, and shared claims are
 * judged by order and overlap, not by durations.
 *
 * The rule is generic: a claim says so itself (`isolation`), or carries one of the tags that
 * mean a timing judgement. When unsure, a claim author marks the claim `exclusive`.
 */

export type Isolation = 'shared' | 'exclusive';

/** Tags whose claims compare durations, throughput or parallel speed-up. */
export const EXCLUSIVE_TAGS: ReadonlySet<string> = new Set(['timing', 'timeout', 'overlap', 'gil', 'load', 'benchmark', 'performance', 'throughput', 'latency']);

export function isolationOf(claim: Pick<Claim, 'tags'> & { isolation?: Isolation }): Isolation {
  if (claim.isolation !== undefined) return claim.isolation;
  return claim.tags.some((t) => EXCLUSIVE_TAGS.has(t)) ? 'exclusive' : 'shared';
}
