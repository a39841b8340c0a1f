/**
 * The figures the benchmark reports. Ids are shared with bench/python_baseline.py, which emits
 * its samples under the same keys.
 */

export interface FigureDefinition {
  readonly id: string;
  /** What was measured, for the table. */
  readonly title: string;
  readonly unit: string;
}

export const FIGURES = [
  {
    id: 'lock.contended.pairs',
    title: 'Lock, 2 threads contending: acquire/release pairs',
    unit: 'pairs/s',
  },
  {
    id: 'lock.contended.owner-changes',
    title: 'Lock, 2 threads contending: hand-offs to the other thread',
    unit: 'hand-offs/s',
  },
  {
    id: 'lock.uncontended.pairs',
    title: 'Lock, 1 thread: acquire/release pairs',
    unit: 'pairs/s',
  },
  {
    id: 'queue.unbounded.items',
    title: 'Queue(), 1 producer thread to 1 consumer thread',
    unit: 'items/s',
  },
  {
    id: 'queue.bounded-1000.items',
    title: 'Queue(maxsize=1000), 1 producer thread to 1 consumer thread',
    unit: 'items/s',
  },
] as const satisfies readonly FigureDefinition[];

export type FigureId = (typeof FIGURES)[number]['id'];

export const FIGURE_IDS: readonly FigureId[] = FIGURES.map((figure) => figure.id);

/** One number per measured repetition, for every figure. */
export type FigureSamples = Record<FigureId, number[]>;
