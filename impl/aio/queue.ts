import { Empty, Full, ValueError } from '../errors';
import { CancelScope, type WaitOptions } from './cancel-scope';
import { Event } from './event';
import { Waiter, removeWaiter } from './waiter';

/**
 * asyncio.Queue (CPython 3.11), FIFO. QueueFull/QueueEmpty are the shared Full/Empty errors.
 *
 * put_nowait() only *wakes* the first getter; the item is not reserved for it. The getter
 * re-checks when it runs, and if another task took the item first it queues again at the
 * back. Likewise for putters and free slots. Because nothing is ever handed to a waiter, a
 * cancelled get() cannot lose an item; it can only lose a wake-up, which it passes on.
 */
export class Queue<T = unknown> {
  /** Storage in the order the subclass keeps it; qsize() is its length. */
  protected readonly items: T[] = [];
  private readonly capacity: number;
  /** Parked callers; a wake-up removes its waiter at once, so a woken one is no longer here. */
  private readonly getters: Waiter[] = [];
  private readonly putters: Waiter[] = [];
  private unfinishedTasks = 0;
  private readonly finished = new Event();

  /** `maxsize` <= 0 means unbounded. */
  constructor(maxsize = 0) {
    this.capacity = maxsize;
    this.finished.set();
  }

  get maxsize(): number {
    return this.capacity;
  }

  qsize(): number {
    return this.items.length;
  }

  empty(): boolean {
    return this.items.length === 0;
  }

  full(): boolean {
    return this.capacity > 0 && this.qsize() >= this.capacity;
  }

  /** Waits for a free slot if the queue is full, then adds `item`. */
  put(item: T, options?: WaitOptions): Promise<void> {
    return CancelScope.run(options, (scope) => this.putIn(item, scope));
  }

  /** Raises Full if there is no free slot right now. */
  put_nowait(item: T): void {
    if (this.full()) throw new Full();
    // Added before counting, so an item a PriorityQueue failed to order stays in but uncounted.
    this.putItem(item);
    this.unfinishedTasks += 1;
    this.finished.clear();
    this.wakeUpNext(this.getters);
  }

  /** Waits for an item if the queue is empty, then removes and returns it. */
  get(options?: WaitOptions): Promise<T> {
    return CancelScope.run(options, (scope) => this.getIn(scope));
  }

  /** Raises Empty if there is no item right now. */
  get_nowait(): T {
    if (this.empty()) throw new Empty();
    const item = this.takeItem();
    this.wakeUpNext(this.putters);
    return item;
  }

  /** Marks one fetched item as processed; join() resolves when every put item is. */
  task_done(): void {
    if (this.unfinishedTasks <= 0) throw new ValueError('task_done() called too many times');
    this.unfinishedTasks -= 1;
    if (this.unfinishedTasks === 0) this.finished.set();
  }

  /** Resolves once task_done() has been called for every item ever put. */
  join(options?: WaitOptions): Promise<void> {
    return CancelScope.run(options, async (scope) => {
      if (this.unfinishedTasks > 0) await this.finished.wait({ signal: scope.signal });
    });
  }

  /** Where a new item goes; subclasses change the order. */
  protected putItem(item: T): void {
    this.items.push(item);
  }

  /** Which item leaves next; called only when the queue is not empty. */
  protected takeItem(): T {
    return this.items.shift() as T;
  }

  private async putIn(item: T, scope: CancelScope): Promise<void> {
    while (this.full()) {
      const putter = new Waiter();
      this.putters.push(putter);
      await scope.park(putter);
      if (scope.cancelled) {
        this.abandon(this.putters, putter, !this.full());
        throw scope.cancelledError();
      }
    }
    this.put_nowait(item);
  }

  private async getIn(scope: CancelScope): Promise<T> {
    while (this.empty()) {
      const getter = new Waiter();
      this.getters.push(getter);
      await scope.park(getter);
      if (scope.cancelled) {
        this.abandon(this.getters, getter, !this.empty());
        throw scope.cancelledError();
      }
    }
    return this.get_nowait();
  }

  /**
   * A cancelled waiter leaves the line. If it had been woken and what it was woken for is
   * still there (an item, a free slot), the next in line gets the wake-up instead.
   */
  private abandon(waiters: Waiter[], waiter: Waiter, stillAvailable: boolean): void {
    waiter.cancel();
    removeWaiter(waiters, waiter);
    if (stillAvailable && !waiter.cancelled) this.wakeUpNext(waiters);
  }

  private wakeUpNext(waiters: Waiter[]): void {
    for (let next = waiters.shift(); next !== undefined; next = waiters.shift()) {
      if (next.wake()) return;
    }
  }
}
