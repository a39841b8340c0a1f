import { ValueError } from '../errors';
import { SemaphoreState } from './states/semaphore-state';
import { hostState, registerSharedKind, SharedObject, type SharedHandle } from './shared-object';

/** CPython's SEM_VALUE_MAX on Linux: an unbounded multiprocessing.Semaphore's ceiling. */
const SEM_VALUE_MAX = 2147483647;

/**
 * multiprocessing.Semaphore and BoundedSemaphore. Unlike threading's, release() takes no count,
 * and a bounded one released too often raises ValueError("semaphore or lock released too many
 * times").
 */
export class Semaphore extends SharedObject {
  constructor(value: number | SharedHandle = 1) {
    super(typeof value === 'object' ? value : hostState('semaphore', new SemaphoreState(checked(value), SEM_VALUE_MAX)));
  }

  acquire(block = true, timeout: number | null = null): Promise<boolean> {
    return this.call('acquire', block, timeout) as Promise<boolean>;
  }

  async release(): Promise<void> {
    await this.call('release');
  }

  get_value(): Promise<number> {
    return this.call('get_value') as Promise<number>;
  }
}

export class BoundedSemaphore extends Semaphore {
  constructor(value: number | SharedHandle = 1) {
    super(typeof value === 'object' ? value : hostState('bounded-semaphore', new SemaphoreState(checked(value), checked(value))));
  }
}

function checked(value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new ValueError('semaphore initial value must be >= 0');
  return value;
}

registerSharedKind('semaphore', (handle) => new Semaphore(handle));
registerSharedKind('bounded-semaphore', (handle) => new BoundedSemaphore(handle));
