/** The step language of workers/op-runner.ts, shared by the worker and the tests. */
import type { PrimitiveHandle } from '../../../impl';

export type Step =
  /** Calls `target.method(...args)`, or reads `target.method` if it is a property. */
  | { kind: 'call'; target: string; method: string; args?: unknown[]; label?: string }
  | { kind: 'sleep'; ms: number; label?: string }
  /** `times` unsynchronised increments of cell[0], each inside lock.acquire()/release(). */
  | { kind: 'increment'; lock: string; cell: string; times: number; label?: string }
  /** `times` entries into a section guarded by `semaphore`; cell[0] = inside now, cell[1] = max. */
  | { kind: 'guarded'; semaphore: string; cell: string; times: number; label?: string }
  /** Puts [tag, i] (or i without a tag) for i in from..from+count-1. */
  | { kind: 'put-range'; queue: string; from: number; count: number; tag?: string; label?: string }
  /** Gets `count` items (calling task_done after each if asked) and returns them in order. */
  | { kind: 'get-many'; queue: string; count: number; taskDone?: boolean; label?: string };

export interface RunnerData {
  handles: Record<string, PrimitiveHandle>;
  cells?: Record<string, SharedArrayBuffer>;
  tickets: SharedArrayBuffer;
  steps: Step[];
}

export type StepReport = {
  index: number;
  label?: string;
  before: number;
  after: number;
} & ({ ok: true; value: unknown } | { ok: false; error: string; message: string });

export function call(target: string, method: string, args: unknown[] = [], label?: string): Step {
  return { kind: 'call', target, method, args, label };
}

/** A step that does nothing but report: proves the worker is running its steps. */
export function ready(label = 'ready'): Step {
  return { kind: 'sleep', ms: 0, label };
}
