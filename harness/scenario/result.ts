import type { Json } from './model';
import type { HistoryEvent } from './history';

/**
 * What running one scenario produced. `completed`: every non-daemon actor finished.
 * `deadline`: the deadline passed with actors still running (a deadlock or a hang; checkers decide
 * which). `crashed`: the implementation itself failed (the reason is in `error`).
 */
export type RunStatus = 'completed' | 'deadline' | 'crashed';

export interface ScenarioResult {
  status: RunStatus;
  history: HistoryEvent[];
  /** Final values of cells, and of any other object state the implementation can report cheaply. */
  final: { cells: Record<string, number>; [key: string]: Json };
  /** Wall-clock duration, milliseconds. */
  durationMs: number;
  /** Actors still running when the run ended (deadline or crash). */
  unfinished: string[];
  error?: string;
  /** Tail of the implementation's stderr, for out-of-process adapters. */
  stderr?: string;
}
