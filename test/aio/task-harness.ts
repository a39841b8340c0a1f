/**
 * Test support: runs "tasks" (async functions on the one event loop) and lets a test advance
 * the loop until every task that can make progress has done so, like a few turns of asyncio's
 * loop. Nothing here waits on wall-clock time except `sleep`, which tests use sparingly.
 */

/** Lets every queued promise continuation run (setImmediate fires after the microtask queue drains). */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

export function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

/** The outcome of a task so far, for assertions without awaiting it. */
export type Outcome<T> =
  | { state: 'pending' }
  | { state: 'ok'; value: T }
  | { state: 'error'; name: string; message: string };

export interface Task<T> {
  readonly name: string;
  readonly controller: AbortController;
  readonly signal: AbortSignal;
  readonly promise: Promise<T>;
  outcome(): Outcome<T>;
  /** Task.cancel(): aborts the signal the task passes to the primitive. */
  cancel(): void;
}

/** Starts `body` at once and records how it ends; its rejection never goes unhandled. */
export function spawn<T>(name: string, body: (signal: AbortSignal) => Promise<T>): Task<T> {
  const controller = new AbortController();
  let outcome: Outcome<T> = { state: 'pending' };
  const promise = body(controller.signal);
  promise.then(
    (value) => {
      outcome = { state: 'ok', value };
    },
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      outcome = { state: 'error', name: e.name, message: e.message };
    },
  );
  promise.catch(() => undefined);
  return {
    name,
    controller,
    signal: controller.signal,
    promise,
    outcome: () => outcome,
    cancel: () => controller.abort(),
  };
}
