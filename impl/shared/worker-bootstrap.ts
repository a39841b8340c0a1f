/**
 * Starting worker threads on TypeScript modules. `startTsWorker(module, data)` runs `module`
 * (an absolute path to a .ts file) in a new Worker through tsx-worker-entry.js, which registers
 * tsx first; inside the worker, `tsWorkerData<T>()` returns `data`. Works under plain node, tsx
 * and jest alike. The caller owns the Worker and must terminate it.
 */
import * as path from 'node:path';
import { Worker, workerData, type WorkerOptions } from 'node:worker_threads';

/** Absolute path of the plain-JS bootstrap, for callers that build their own Worker. */
export const WORKER_BOOTSTRAP_PATH = path.join(__dirname, 'tsx-worker-entry.js');

export interface TsWorkerData<T> {
  /** Absolute path of the .ts module the worker runs. */
  module: string;
  data: T;
}

export function startTsWorker<T>(modulePath: string, data: T, options: Omit<WorkerOptions, 'workerData'> = {}): Worker {
  if (!path.isAbsolute(modulePath)) throw new TypeError(`startTsWorker needs an absolute path, got ${modulePath}`);
  const payload: TsWorkerData<T> = { module: modulePath, data };
  return new Worker(WORKER_BOOTSTRAP_PATH, { ...options, workerData: payload });
}

/** Inside a worker started by `startTsWorker`: the data it was given. */
export function tsWorkerData<T>(): T {
  return (workerData as TsWorkerData<T>).data;
}
