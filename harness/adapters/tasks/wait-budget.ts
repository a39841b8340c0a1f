import type { TimeScale } from '../reference/object-binding';

/**
 * How long a task-level call may wait, read from a scenario op's threading-style arguments
 * (`blocking`/`block` and `timeout` in units). Task-level libraries have no such arguments:
 * a binding turns `try` into its non-blocking form, `for` into its own timeout or cancellation,
 * and `forever` into a plain await.
 */
export type WaitBudget = { kind: 'forever' } | { kind: 'try' } | { kind: 'for'; ms: number };

export interface WaitArgs {
  blocking?: boolean;
  block?: boolean;
  timeout?: number | null;
}

/**
 * `timeout` absent or null waits forever; a timeout <= 0 only tries, as a Python wait whose time
 * is already up does. `-1` means forever for Lock.acquire (CPython's "no timeout" sentinel),
 * which the caller asks for with `minusOneIsForever`.
 */
export function waitBudget(args: WaitArgs, time: TimeScale, options: { minusOneIsForever?: boolean } = {}): WaitBudget {
  if (args.blocking === false || args.block === false) return { kind: 'try' };
  const { timeout } = args;
  if (timeout === undefined || timeout === null) return { kind: 'forever' };
  if (timeout === -1 && options.minusOneIsForever === true) return { kind: 'forever' };
  if (timeout <= 0) return { kind: 'try' };
  return { kind: 'for', ms: timeout * time.unitMs };
}
