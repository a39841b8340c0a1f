import type { ExportRef } from '../process/target-ref';

/** What a Thread hands its worker (worker_threads workerData). */
export interface ThreadStart {
  /** Int32 words: [state, ident, first slice done]; state NEW 0, STARTED 1, DONE 2. */
  control: SharedArrayBuffer;
  name: string;
  daemon: boolean;
  sourceDir: string;
  /** Modules to load (source path and bundle). */
  modules: { module: string; bundle: string }[];
  classRef?: ExportRef;
  targetRef?: ExportRef;
  /** encodeForThread({ fields, args }) */
  state: unknown;
}

export const ThreadState = { NEW: 0, STARTED: 1, DONE: 2 } as const;
