import type { Scenario } from '../../scenario/model';
import type { ScenarioResult } from '../../scenario/result';

/** Messages between the task host (main thread) and its worker, which runs one scenario at a time. */

export interface TaskHostWorkerData {
  /** Absolute path of the module exporting `binding: TaskBinding`. */
  bindingModule: string;
}

export type HostToWorker = { type: 'run'; id: number; scenario: Scenario; deadlineMs?: number };

export type WorkerToHost =
  /** The binding is loaded (its `load()` resolved): runs may be sent. */
  | { type: 'ready' }
  | { type: 'load-failed'; error: string }
  | { type: 'result'; id: number; result: ScenarioResult }
  /** The executor refused the scenario (invalid, unsupported): the error's name and message. */
  | { type: 'rejected'; id: number; name: string; message: string };
