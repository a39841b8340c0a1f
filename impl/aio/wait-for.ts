import { CancelScope } from './cancel-scope';

/**
 * asyncio.wait_for(aw, timeout) for anything that takes an AbortSignal: `start` receives a
 * signal that is aborted when `timeout` seconds pass; a CancelledError that results becomes
 * TimeoutError, and a result that arrives despite the cancel is returned, as in CPython 3.11.
 * `timeout` null waits forever; `timeout` <= 0 raises TimeoutError without calling `start`.
 *
 *   await waitFor((signal) => cond.wait_for(() => ready, { signal }), 0.5)
 */
export function waitFor<T>(start: (signal: AbortSignal) => Promise<T>, timeout: number | null): Promise<T> {
  return CancelScope.run({ timeout }, (scope) => start(scope.signal));
}
