import type { SequentialModel } from './linearizability/types';
import { models } from './linearizability/models';

/**
 * threading.Lock as CPython builds it, for histories in which one thread releases a lock
 * another holds (Python allows it). CPython's acquire takes the OS lock with the GIL released
 * and sets the object's `locked` flag only after taking the GIL back; release checks that flag
 * first (Modules/_threadmodule.c, lock_PyThread_acquire / lock_PyThread_release). In between, a
 * foreign release raises RuntimeError "release unlocked lock" although the lock is held: a
 * generated scenario showed it on CPython 3.11 (a non-blocking acquire returned False, the same
 * thread's release then raised, and the other thread's release succeeded). This model is the
 * Lock model with that one allowance: a release that raised RuntimeError changes nothing,
 * held or not. It still refuses a release that succeeded on a free lock and a second acquire
 * without a release in between.
 */
export const cpythonLock: SequentialModel<boolean> = {
  ...models.lock,
  name: 'lock (a foreign release may raise while the holder is still inside acquire)',
  step(held, input, output) {
    const i = input as { f?: unknown };
    const o = output as { outcome?: unknown; error?: unknown };
    if (i.f === 'release' && o.outcome === 'fail' && o.error === 'RuntimeError') return held;
    return models.lock.step(held, input, output);
  },
};
