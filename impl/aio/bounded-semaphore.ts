import { ValueError } from '../errors';
import { Semaphore } from './semaphore';

/** asyncio.BoundedSemaphore: a release that would raise the counter above its initial value fails. */
export class BoundedSemaphore extends Semaphore {
  private readonly bound: number;

  constructor(value = 1) {
    super(value);
    this.bound = value;
  }

  override release(): void {
    // CPython 3.11's message has no full stop, unlike threading's.
    if (this.value >= this.bound) throw new ValueError('BoundedSemaphore released too many times');
    super.release();
  }
}
