import type { ExportRef } from './target-ref';

/** Messages between a pool (Pool, ProcessPoolExecutor) and one of its worker processes. */

export interface WorkerHello {
  type: 'hello';
  sourceDir: string;
  name: string;
  identity: number[];
  parentPid: number;
  argv: string[];
  /** Pool workers are daemonic (they cannot start processes); executor workers are not. */
  daemon: boolean;
}

export interface TaskMessage {
  type: 'task';
  id: number;
  fn: ExportRef;
  /** Bundle to load `fn.module` from. */
  bundle: string;
  /** encodeValue(args) */
  args: Uint8Array;
}

export type ToWorker = WorkerHello | TaskMessage | { type: 'stop' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; value: Uint8Array }
  | { type: 'error'; id: number; error: { name: string; message: string; stack?: string } };
