import { ValueError } from '../errors';
import { AssertionError } from './errors';
import { QueueState } from './states/queue-state';
import { hostState, registerSharedKind, SharedObject, type SharedHandle } from './shared-object';
import { decodeValue, encodeValue } from './transfer';

/**
 * multiprocessing.Queue and JoinableQueue. Items are copied on the way in (a value that cannot
 * be sent raises PicklingError and nothing is queued) and each get returns its own copy.
 *
 * There is no feeder thread: a put has reached the queue when its promise resolves, so
 * join_thread() (after close()) has nothing left to flush and cancel_join_thread() nothing to
 * give up. close() is per process, as in CPython: this process may put no more, others may.
 */
export class Queue<T = unknown> extends SharedObject {
  private closed = false;

  /** `maxsize` <= 0 means unbounded. */
  constructor(maxsize: number | SharedHandle = 0) {
    super(typeof maxsize === 'object' ? maxsize : hostState(kindOf(new.target), new QueueState(maxsize), { maxsize, joinable: new.target !== Queue }));
  }

  get maxsize(): number {
    return (this.handle.options?.maxsize as number | undefined) ?? 0;
  }

  async put(item: T, block = true, timeout: number | null = null): Promise<void> {
    if (this.closed) throw new ValueError(`Queue ${this.describe()} is closed`);
    await this.call('put', encodeValue(item), block, timeout);
  }

  put_nowait(item: T): Promise<void> {
    return this.put(item, false);
  }

  async get(block = true, timeout: number | null = null): Promise<T> {
    return decodeValue((await this.call('get', block, timeout)) as Uint8Array) as T;
  }

  get_nowait(): Promise<T> {
    return this.get(false);
  }

  qsize(): Promise<number> {
    return this.call('qsize') as Promise<number>;
  }

  empty(): Promise<boolean> {
    return this.call('empty') as Promise<boolean>;
  }

  full(): Promise<boolean> {
    return this.call('full') as Promise<boolean>;
  }

  close(): void {
    this.closed = true;
  }

  /** Requires close() first, as in CPython; every put has already arrived, so it returns at once. */
  async join_thread(): Promise<void> {
    if (!this.closed) throw new AssertionError(`Queue ${this.describe()} not closed`);
  }

  cancel_join_thread(): void {
    // Nothing is ever left unflushed (see the class comment).
  }

  private describe(): string {
    return `<${this.constructor.name} ${this.handle.id} of process ${this.handle.address}>`;
  }
}

export class JoinableQueue<T = unknown> extends Queue<T> {
  async task_done(): Promise<void> {
    await this.call('task_done');
  }

  /** Waits until task_done() has been called for every item ever put. */
  async join(): Promise<void> {
    await this.call('join');
  }
}

function kindOf(target: Function): string {
  return target === Queue ? 'queue' : 'joinable-queue';
}

registerSharedKind('queue', (handle) => new Queue(handle));
registerSharedKind('joinable-queue', (handle) => new JoinableQueue(handle));
