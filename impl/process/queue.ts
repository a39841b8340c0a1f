import { ValueError } from '../errors';
import { registerAtExit } from './at-exit';
import { AssertionError } from './errors';
import { PipeQueueState } from './states/pipe-queue-state';
import { hostState, registerSharedKind, SharedObject, type SharedHandle } from './shared-object';
import { decodeValue, encodeValue } from './transfer';

/**
 * multiprocessing.Queue and JoinableQueue. Items are copied on the way in (a value that cannot
 * be sent raises PicklingError and nothing is queued) and each get returns its own copy.
 *
 * As in CPython, put() takes a slot and hands the item to this process's feeder (an async loop
 * here, a thread there), which writes it into the queue's pipe, a bounded buffer held by the
 * object server (states/pipe-queue-state.ts), waiting while the pipe is full. So put() returns
 * before the item is in the pipe, join_thread() (after close()) waits until the feeder has
 * flushed, and a process that put something waits for that flush before it ends, unless
 * cancel_join_thread() said not to (what is unflushed is then lost). close() is per process, as
 * in CPython: this process may put no more, others may.
 *
 * A Manager's queue (handle option `proxy`) is a queue.Queue in the manager's process: its
 * put() is one call to it, with no feeder.
 */
export class Queue<T = unknown> extends SharedObject {
  private closed = false;
  private readonly unflushed: Buffer[] = [];
  private feeding: Promise<void> | undefined;
  private joinCancelled = false;
  private dropExitHook: (() => void) | undefined;

  /** `maxsize` <= 0 means unbounded. */
  constructor(maxsize: number | SharedHandle = 0) {
    super(typeof maxsize === 'object' ? maxsize : hostState(kindOf(new.target), new PipeQueueState(maxsize), { maxsize, joinable: new.target !== Queue }));
  }

  get maxsize(): number {
    return (this.handle.options?.maxsize as number | undefined) ?? 0;
  }

  async put(item: T, block = true, timeout: number | null = null): Promise<void> {
    if (this.closed) throw new ValueError(`Queue ${this.describe()} is closed`);
    const encoded = encodeValue(item);
    if (this.handle.options?.proxy === true) {
      await this.call('put', encoded, block, timeout);
      return;
    }
    await this.call('reserve', block, timeout);
    this.unflushed.push(encoded);
    this.feed();
  }

  /** Starts the feeder if it is not running; the first start also makes the exit wait for it. */
  private feed(): void {
    if (this.dropExitHook === undefined && !this.joinCancelled) this.dropExitHook = registerAtExit(() => this.flushed());
    if (this.feeding !== undefined) return;
    this.feeding = (async () => {
      try {
        for (let next = this.unflushed[0]; next !== undefined; next = this.unflushed[0]) {
          await this.call('deliver', next);
          this.unflushed.shift();
        }
      } finally {
        this.feeding = undefined;
      }
    })();
    // A feeder that cannot write (its queue's process is gone) loses what it had, as a thread would.
    this.feeding.catch(() => this.unflushed.splice(0));
  }

  /** Resolves once the feeder has written everything put so far. */
  private async flushed(): Promise<void> {
    while (this.feeding !== undefined) await this.feeding.catch(() => undefined);
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

  /** Requires close() first, as in CPython; waits until the feeder has flushed, not until anyone reads. */
  async join_thread(): Promise<void> {
    if (!this.closed) throw new AssertionError(`Queue ${this.describe()} not closed`);
    await this.flushed();
  }

  /** This process's end no longer waits for the feeder: what it has not written is lost. */
  cancel_join_thread(): void {
    this.joinCancelled = true;
    this.dropExitHook?.();
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
