import type { Capability } from '../../harness/capability';
import type { Claim } from '../../spec/claim';

/**
 * A deliberately broken implementation: the reference binding (harness/adapters/reference/
 * binding.ts) with one defect a real implementation could have. Each mutant module exports
 * `binding` (an ObjectBinding, so the thread executor runs it on real worker threads) and
 * `mutant`, which says what is wrong and which claims must catch it.
 */
export interface Mutant {
  name: string;
  /** The defect, in one sentence. */
  defect: string;
  /** The capability whose claims are run against it: the part of the suite that can see the defect. */
  breaks: Capability;
  /** Claims that must fail on it (at least one). */
  caughtBy: string[];
  /**
   * Narrows the claims run against it (and against the reference for comparison) to those with
   * one of these tags: for capabilities so broad (processes, pools) that running all of their
   * claims per mutant would cost minutes for nothing more.
   */
  onlyTagged?: string[];
}

/** A private word to nap on: a short real sleep inside a worker (for spinning and polling mutants). */
export function napper(): (ms: number) => void {
  const word = new Int32Array(new SharedArrayBuffer(4));
  return (ms) => void Atomics.wait(word, 0, 0, ms);
}

/**
 * A generated property claim: a property check, or a server check that draws its inputs
 * (spec/checks/server-property.ts). Both carry the `generated` tag; the mutants face the
 * hand-written claims and the generated ones in separate tests.
 */
export function isGenerated(c: Claim): boolean {
  return c.check?.type === 'property' || c.tags.includes('generated');
}
