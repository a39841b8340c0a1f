/**
 * The figures the benchmark reports. Each is a ratio of the reference against one baseline
 * measured in the same run, by bench/python_baseline.py (source 'cpython'; ids shared with the
 * script, which emits its samples under the same keys) or by the Node side (source 'node',
 * bench/node-baselines.ts; such a baseline may still drive a CPython program).
 */

export type BaselineSource = 'cpython' | 'node';

/** What a figure must reach: a ratio against its baseline and/or an absolute reference rate. */
export interface FigureTarget {
  /** reference median / baseline median at least this (at most, for lower-is-better figures). */
  ratio?: number;
  /** reference median at least this, in the figure's unit. */
  reference?: number;
}

export interface FigureDefinition {
  readonly id: string;
  /** What was measured, for the table. */
  readonly title: string;
  readonly unit: string;
  /** Who measured the baseline, and what it is. */
  readonly source: BaselineSource;
  readonly baseline: string;
  /** Latencies: smaller is better, so the target bounds the ratio from above. */
  readonly lowerIsBetter?: boolean;
  readonly target: FigureTarget | null;
}

export const FIGURES = [
  {
    id: 'lock.contended.pairs',
    title: 'Lock, 2 threads contending: acquire/release pairs',
    unit: 'pairs/s',
    source: 'cpython',
    baseline: 'CPython threading.Lock, 2 threads',
    target: { ratio: 2 },
  },
  {
    id: 'lock.contended.owner-changes',
    title: 'Lock, 2 threads contending: hand-offs to the other thread',
    unit: 'hand-offs/s',
    source: 'cpython',
    baseline: 'CPython threading.Lock, 2 threads',
    target: null,
  },
  {
    id: 'lock.uncontended.pairs',
    title: 'Lock, 1 thread: acquire/release pairs',
    unit: 'pairs/s',
    source: 'cpython',
    baseline: 'CPython threading.Lock, 1 thread',
    target: { ratio: 5 },
  },
  {
    id: 'queue.unbounded.items',
    title: 'Queue(), 1 producer thread to 1 consumer thread',
    unit: 'items/s',
    source: 'cpython',
    baseline: 'CPython queue.Queue(), 2 threads',
    target: { ratio: 3 },
  },
  {
    id: 'queue.bounded-1000.items',
    title: 'Queue(maxsize=1000), 1 producer thread to 1 consumer thread',
    unit: 'items/s',
    source: 'cpython',
    baseline: 'CPython queue.Queue(1000), 2 threads',
    target: { ratio: 3 },
  },
  {
    id: 'queue.unbounded.vs-message-port',
    title: 'Queue(), 1 producer worker to 1 consumer worker (same rounds as above)',
    unit: 'items/s',
    source: 'node',
    baseline: 'MessagePort.postMessage of the same ints, worker to worker',
    target: { ratio: 1 },
  },
  {
    id: 'framing.decode-64k.bytes',
    title: 'LengthFrameDecoder: 64 KiB messages decoded in memory, fed in 16 KiB chunks',
    unit: 'B/s',
    source: 'node',
    baseline: 'copy of the same chunks into one buffer (no framing)',
    target: { reference: 1e9 },
  },
  {
    id: 'framing.decode-16b.messages',
    title: 'LengthFrameDecoder: 16-byte messages decoded in memory, fed in 64 KiB chunks',
    unit: 'messages/s',
    source: 'node',
    baseline: 'subarray per message at known offsets (no decoder)',
    target: { reference: 1e6 },
  },
  {
    id: 'framing.loopback.bytes',
    title: 'Framed transfer over loopback: 64 KiB length-prefixed messages, decoded by the receiver',
    unit: 'B/s',
    source: 'node',
    baseline: 'raw net.Socket transfer of the same bytes on loopback',
    target: { ratio: 0.8 },
  },
  {
    id: 'pool.tiny-tasks',
    title: 'Pool(2).apply_async of a tiny task, many in flight',
    unit: 'tasks/s',
    source: 'node',
    baseline: 'piscina with 2 worker threads, same task',
    target: { ratio: 0.8 },
  },
  {
    id: 'pool.apply-async-latency',
    title: 'Pool(2).apply_async: submit to callback, one task at a time',
    unit: 'µs',
    source: 'node',
    baseline: 'piscina.run round trip, one task at a time',
    lowerIsBetter: true,
    target: null,
  },
] as const satisfies readonly FigureDefinition[];

export type FigureId = (typeof FIGURES)[number]['id'];
export type CpythonFigureId = Extract<(typeof FIGURES)[number], { source: 'cpython' }>['id'];
export type NodeFigureId = Extract<(typeof FIGURES)[number], { source: 'node' }>['id'];

export const FIGURE_IDS: readonly FigureId[] = FIGURES.map((figure) => figure.id);
export const CPYTHON_FIGURE_IDS = FIGURES.filter((f) => f.source === 'cpython').map((f) => f.id) as readonly CpythonFigureId[];

/** One number per measured repetition, for every figure. */
export type FigureSamples = Record<FigureId, number[]>;
/** What the CPython baseline script measures. */
export type CpythonSamples = Record<CpythonFigureId, number[]>;
/** Baselines measured on the Node side. */
export type NodeBaselineSamples = Record<NodeFigureId, number[]>;
