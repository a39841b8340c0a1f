/**
 * Python's `queue.Queue`, `LifoQueue` and `PriorityQueue` for worker threads: a port of CPython
 * 3.11's queue.py (one mutex, three conditions over it: not_empty, not_full, all_tasks_done)
 * built on the shared-memory Lock and Condition, with the items in shared memory
 * (item-store.ts). `JoinableQueue` is `Queue` under another name: a thread queue already has
 * task_done/join, and the name lets process-level code share it.
 *
 * Items cross threads by structured clone (`v8.serialize`): `get` returns a copy, never the
 * object that was put. The item is serialized before the mutex is taken, so an item that cannot
 * be cloned raises DataCloneError with no effect. Timeouts are in seconds, `null` is Python's
 * None; `maxsize` < 1 means unbounded. Full/Empty/ValueError are raised exactly where CPython
 * raises them, e.g. a negative timeout is a ValueError only when the call would have to wait
 * (a put on an unbounded queue never checks it).
 *
 * PriorityQueue follows heapq exactly (see ../shared/heapq.ts), including its behaviour on items
 * Python cannot compare: the put raises TypeError but the item stays queued (unfinished_tasks is
 * not counted, as in CPython), and a get that hits such a comparison raises TypeError and loses
 * the item it was returning.
 */
import { Empty, Full, ValueError } from '../errors';
import { Deadline } from '../shared/timeout';
import { Condition } from '../sync/condition';
import { Lock, type LockHandle } from '../sync/lock';
import { encodeItem } from './item-codec';
import { ITEM_ORDERS, type ItemOrder, type ItemOrderName } from './item-order';
import { ItemStore, type ItemStoreHandle, type ItemStoreLimits } from './item-store';

export type QueueKind = 'queue' | 'lifo-queue' | 'priority-queue' | 'joinable-queue';

export interface QueueHandle {
  readonly kind: QueueKind;
  readonly mutex: LockHandle;
  readonly notEmpty: SharedArrayBuffer;
  readonly notFull: SharedArrayBuffer;
  readonly allTasksDone: SharedArrayBuffer;
  /** Float64 words: [maxsize, unfinished_tasks], only touched with the mutex held. */
  readonly counters: SharedArrayBuffer;
  readonly items: ItemStoreHandle;
}

export interface QueueOptions extends ItemStoreLimits {
  /** How many threads may block in one of the queue's conditions at once (default 1024). */
  maxWaiters?: number;
}

const ORDER_OF_KIND: Readonly<Record<QueueKind, ItemOrderName>> = {
  queue: 'fifo',
  'joinable-queue': 'fifo',
  'lifo-queue': 'lifo',
  'priority-queue': 'priority',
};

const MAXSIZE = 0;
const UNFINISHED = 1;
const NEGATIVE_TIMEOUT = "'timeout' must be a non-negative number";

export class Queue<T = unknown> {
  static readonly kind: QueueKind = 'queue';
  readonly handle: QueueHandle;
  private readonly mutex: Lock;
  private readonly notEmpty: Condition;
  private readonly notFull: Condition;
  private readonly allTasksDone: Condition;
  private readonly counters: Float64Array;
  private readonly store: ItemStore;
  private readonly order: ItemOrder;

  /** `Queue(maxsize=0)`; pass a handle only to rebuild a shared one (use `attach`). */
  constructor(maxsize = 0, options: QueueOptions = {}, handle?: QueueHandle) {
    if (handle === undefined) {
      const mutex = new Lock();
      const condition = () => new Condition(mutex, { maxWaiters: options.maxWaiters }).handle.waiters;
      handle = {
        kind: (new.target as typeof Queue).kind,
        mutex: mutex.handle,
        notEmpty: condition(),
        notFull: condition(),
        allTasksDone: condition(),
        counters: new SharedArrayBuffer(16),
        items: ItemStore.allocate(options),
      };
      new Float64Array(handle.counters)[MAXSIZE] = maxsize;
    }
    this.handle = handle;
    this.mutex = new Lock(handle.mutex);
    this.notEmpty = new Condition(this.mutex, { waiters: handle.notEmpty });
    this.notFull = new Condition(this.mutex, { waiters: handle.notFull });
    this.allTasksDone = new Condition(this.mutex, { waiters: handle.allTasksDone });
    this.counters = new Float64Array(handle.counters);
    this.store = new ItemStore(handle.items);
    this.order = ITEM_ORDERS[ORDER_OF_KIND[handle.kind]];
  }

  get maxsize(): number {
    return this.counters[MAXSIZE];
  }

  /** Items put but not yet marked done by task_done(). */
  get unfinished_tasks(): number {
    return this.withMutex(() => this.counters[UNFINISHED]);
  }

  /** `put(item, block=True, timeout=None)`: raises Full if no slot frees up in time. */
  put(item: T, block = true, timeout: number | null = null): void {
    const bytes = encodeItem(item);
    this.withMutex(() => {
      const maxsize = this.maxsize;
      if (maxsize > 0) {
        if (!block) {
          if (this.store.length >= maxsize) throw new Full();
        } else if (timeout === null || Number.isNaN(timeout)) {
          while (this.store.length >= maxsize) this.notFull.wait();
        } else if (timeout < 0) {
          throw new ValueError(NEGATIVE_TIMEOUT);
        } else {
          const deadline = Deadline.after(timeout);
          while (this.store.length >= maxsize) {
            const remaining = deadline.remainingSeconds();
            if (remaining <= 0) throw new Full();
            this.notFull.wait(remaining);
          }
        }
      }
      this.order.put(this.store, bytes);
      this.counters[UNFINISHED] += 1;
      this.notEmpty.notifyHeld();
    });
  }

  /** `get(block=True, timeout=None)`: raises Empty if no item arrives in time. */
  get(block = true, timeout: number | null = null): T {
    return this.withMutex(() => {
      if (!block) {
        if (this.store.length === 0) throw new Empty();
      } else if (timeout === null || Number.isNaN(timeout)) {
        while (this.store.length === 0) this.notEmpty.wait();
      } else if (timeout < 0) {
        throw new ValueError(NEGATIVE_TIMEOUT);
      } else {
        const deadline = Deadline.after(timeout);
        while (this.store.length === 0) {
          const remaining = deadline.remainingSeconds();
          if (remaining <= 0) throw new Empty();
          this.notEmpty.wait(remaining);
        }
      }
      const item = this.order.get(this.store) as T;
      this.notFull.notifyHeld();
      return item;
    });
  }

  put_nowait(item: T): void {
    this.put(item, false);
  }

  get_nowait(): T {
    return this.get(false);
  }

  qsize(): number {
    return this.withMutex(() => this.store.length);
  }

  empty(): boolean {
    return this.withMutex(() => this.store.length === 0);
  }

  full(): boolean {
    return this.withMutex(() => 0 < this.maxsize && this.maxsize <= this.store.length);
  }

  /** Marks one fetched item done; ValueError("task_done() called too many times") if none is pending. */
  task_done(): void {
    this.withMutex(() => {
      const unfinished = this.counters[UNFINISHED] - 1;
      if (unfinished <= 0) {
        if (unfinished < 0) throw new ValueError('task_done() called too many times');
        this.allTasksDone.notify_all();
      }
      this.counters[UNFINISHED] = unfinished;
    });
  }

  /** Blocks until every item put has been marked done with task_done(). */
  join(): void {
    this.withMutex(() => {
      while (this.counters[UNFINISHED] !== 0) this.allTasksDone.wait();
    });
  }

  private withMutex<R>(body: () => R): R {
    this.mutex.acquire();
    try {
      return body();
    } finally {
      this.mutex.release();
    }
  }
}

/** `queue.LifoQueue`: the most recently put item comes out first. */
export class LifoQueue<T = unknown> extends Queue<T> {
  static override readonly kind: QueueKind = 'lifo-queue';
}

/** `queue.PriorityQueue`: the lowest item (Python's `<`) comes out first. */
export class PriorityQueue<T = unknown> extends Queue<T> {
  static override readonly kind: QueueKind = 'priority-queue';
}

/** `queue.Queue` under the name process-level code uses; identical behaviour for threads. */
export class JoinableQueue<T = unknown> extends Queue<T> {
  static override readonly kind: QueueKind = 'joinable-queue';
}
