import { Empty, Full, ValueError } from '../../errors';
import { tryOnly, WaitList, type CallContext } from './wait-list';

/**
 * multiprocessing.Queue / JoinableQueue as CPython builds them: a semaphore of `maxsize` slots,
 * taken by put() in the putting process and given back by get(), and a pipe of bounded capacity
 * that each process's feeder thread writes the items into (queue.ts). The server holds what is
 * in the pipe; `reserve` is put()'s slot, `deliver` the feeder's write, which waits while the
 * pipe is full. An item bigger than the whole pipe goes through only to a reader waiting for it
 * (a write that large completes only while someone reads). So `qsize()` and `full()` count
 * slots (items put and not yet got, flushed or not) while `empty()` looks at the pipe, as in
 * CPython, where an item just put may not be in the pipe yet.
 */

/** Linux's default pipe capacity: what a feeder can write with nobody reading. */
export const PIPE_CAPACITY_BYTES = 65536;

interface Item {
  bytes: number;
  data: unknown;
}

export class PipeQueueState {
  private readonly pipe: Item[] = [];
  private pipeBytes = 0;
  private taken = 0;
  private unfinished = 0;
  private readonly slotWaiters = new WaitList<null>();
  private readonly writers = new WaitList<null, Item>();
  private readonly readers = new WaitList<unknown>();
  private readonly joiners = new WaitList<null>();

  constructor(private readonly maxsize: number) {}

  call(method: string, args: unknown[], ctx: CallContext): unknown {
    switch (method) {
      case 'reserve':
        return this.reserve(args[0] as boolean, args[1] as number | null, ctx);
      case 'deliver':
        return this.deliver({ data: args[0], bytes: sizeOf(args[0]) }, ctx);
      case 'get':
        return this.get(args[0] as boolean, args[1] as number | null, ctx);
      case 'qsize':
        return this.taken;
      case 'empty':
        return this.pipe.length === 0;
      case 'full':
        return this.isFull();
      case 'task_done':
        if (this.unfinished <= 0) throw new ValueError('task_done() called too many times');
        this.unfinished -= 1;
        if (this.unfinished === 0) this.joiners.wakeAll(null);
        return null;
      case 'join':
        return this.unfinished === 0 ? null : this.joiners.park(ctx, null, () => null, undefined);
      default:
        throw new TypeError(`a Queue has no method ${method}`);
    }
  }

  private isFull(): boolean {
    return this.maxsize > 0 && this.taken >= this.maxsize;
  }

  /** put()'s semaphore: a slot, or Full once the timeout has passed. */
  private reserve(block: boolean, timeout: number | null, ctx: CallContext): null | Promise<null> {
    if (!this.isFull() && this.slotWaiters.length === 0) {
      this.take();
      return null;
    }
    if (tryOnly(block, timeout)) throw new Full();
    return this.slotWaiters.park(
      ctx,
      timeout,
      () => {
        throw new Full();
      },
      undefined,
    );
  }

  private take(): void {
    this.taken += 1;
    this.unfinished += 1;
  }

  /** The feeder's write: into the pipe if it fits, else it waits (a reader makes room). */
  private deliver(item: Item, ctx: CallContext): null | Promise<null> {
    if (this.writers.length === 0 && this.readers.wakeFirst(item.data)) {
      this.gotOne();
      return null;
    }
    if (this.writers.length === 0 && this.fits(item)) {
      this.pipe.push(item);
      this.pipeBytes += item.bytes;
      return null;
    }
    return this.writers.park(ctx, null, () => null, item);
  }

  private fits(item: Item): boolean {
    return this.pipeBytes + item.bytes <= PIPE_CAPACITY_BYTES;
  }

  private get(block: boolean, timeout: number | null, ctx: CallContext): unknown {
    const first = this.pipe.shift();
    if (first !== undefined) {
      this.pipeBytes -= first.bytes;
      this.gotOne();
      this.admitWriters();
      return first.data;
    }
    // The pipe is empty: a writer stuck on an item larger than the pipe hands it over as it is read.
    const stuck = this.writers.peek();
    if (stuck !== undefined) {
      this.writers.wakeFirst(null);
      this.gotOne();
      this.admitWriters();
      return stuck.payload.data;
    }
    if (tryOnly(block, timeout)) throw new Empty();
    return this.readers.park(
      ctx,
      timeout,
      () => {
        throw new Empty();
      },
      undefined,
    );
  }

  /** get() gives the slot back (the semaphore's release), to the first putter waiting for one. */
  private gotOne(): void {
    this.taken -= 1;
    if (this.slotWaiters.length > 0 && !this.isFull()) {
      this.take();
      this.slotWaiters.wakeFirst(null);
    }
  }

  private admitWriters(): void {
    for (let next = this.writers.peek(); next !== undefined && this.fits(next.payload); next = this.writers.peek()) {
      this.pipe.push(next.payload);
      this.pipeBytes += next.payload.bytes;
      this.writers.wakeFirst(null);
    }
  }
}

/** How many bytes an encoded item takes in the pipe. */
function sizeOf(data: unknown): number {
  if (data instanceof Uint8Array) return data.byteLength;
  return Buffer.byteLength(JSON.stringify(data) ?? '');
}
