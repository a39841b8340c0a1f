import { RLockState } from './states/rlock-state';
import { SemaphoreState } from './states/semaphore-state';
import { hostState, registerSharedKind, SharedObject, type SharedHandle } from './shared-object';

/**
 * multiprocessing.Lock and RLock. Timeouts are seconds, `null` is None, and a negative or zero
 * timeout only tries once, as CPython's SemLock does. Every method returns a promise: the
 * caller waits for it like a process blocked in the call, while its event loop stays free
 * (which is where a Node program runs what CPython runs on helper threads, such as callbacks).
 */

export class Lock extends SharedObject {
  /** A new lock; pass a handle only to rebuild one received from another process. */
  constructor(handle?: SharedHandle) {
    super(handle ?? hostState('lock', new SemaphoreState(1, 1)));
  }

  acquire(block = true, timeout: number | null = null): Promise<boolean> {
    return this.call('acquire', block, timeout) as Promise<boolean>;
  }

  /** Any process may release it; an unlocked lock raises ValueError, as in CPython. */
  async release(): Promise<void> {
    await this.call('release');
  }
}

export class RLock extends SharedObject {
  constructor(handle?: SharedHandle) {
    super(handle ?? hostState('rlock', new RLockState()));
  }

  acquire(block = true, timeout: number | null = null): Promise<boolean> {
    return this.call('acquire', block, timeout) as Promise<boolean>;
  }

  /** Only the owning thread of the owning process may release it (AssertionError otherwise). */
  async release(): Promise<void> {
    await this.call('release');
  }
}

/** `with lock:` for any of the process-level locks and semaphores. */
export async function withLock<T>(lock: { acquire(): Promise<boolean>; release(): Promise<void> }, body: () => T | Promise<T>): Promise<T> {
  await lock.acquire();
  try {
    return await body();
  } finally {
    await lock.release();
  }
}

registerSharedKind('lock', (handle) => new Lock(handle));
registerSharedKind('rlock', (handle) => new RLock(handle));
