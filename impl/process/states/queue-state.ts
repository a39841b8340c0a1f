import { Empty, Full, ValueError } from '../../errors';
import { tryOnly, WaitList, type CallContext } from './wait-list';

/**
 * multiprocessing.Queue / JoinableQueue held by the object server. Items arrive already
 * encoded by the sender (impl/process/transfer.ts) and leave as they came: the server never
 * looks inside them, and every receiver decodes its own copy. A put that finds a getter
 * waiting hands the item straight over, a get that frees a slot admits the first waiting
 * putter's item, so both sides are FIFO. `maxsize` <= 0 means unbounded, as in CPython.
 */
export class QueueState {
  private readonly items: unknown[] = [];
  private readonly getters = new WaitList<unknown>();
  private readonly putters = new WaitList<null, unknown>();
  private readonly joiners = new WaitList<null>();
  private unfinished = 0;

  constructor(private readonly maxsize: number) {}

  call(method: string, args: unknown[], ctx: CallContext): unknown {
    switch (method) {
      case 'put':
        return this.put(args[0], args[1] as boolean, args[2] as number | null, ctx);
      case 'get':
        return this.get(args[0] as boolean, args[1] as number | null, ctx);
      case 'qsize':
        return this.items.length;
      case 'empty':
        return this.items.length === 0;
      case 'full':
        return this.full();
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

  private full(): boolean {
    return this.maxsize > 0 && this.items.length >= this.maxsize;
  }

  private put(item: unknown, block: boolean, timeout: number | null, ctx: CallContext): null | Promise<null> {
    if (this.getters.wakeFirst(item)) {
      this.unfinished += 1;
      return null;
    }
    if (!this.full()) {
      this.items.push(item);
      this.unfinished += 1;
      return null;
    }
    if (tryOnly(block, timeout)) throw new Full();
    return this.putters.park(
      ctx,
      timeout,
      () => {
        throw new Full();
      },
      item,
    );
  }

  private get(block: boolean, timeout: number | null, ctx: CallContext): unknown {
    if (this.items.length > 0) {
      const item = this.items.shift();
      this.admitPutter();
      return item;
    }
    if (tryOnly(block, timeout)) throw new Empty();
    return this.getters.park(
      ctx,
      timeout,
      () => {
        throw new Empty();
      },
      undefined,
    );
  }

  /** A slot came free: the first waiting putter's item takes it. */
  private admitPutter(): void {
    const next = this.putters.peek();
    if (next === undefined || this.full()) return;
    this.items.push(next.payload);
    this.unfinished += 1;
    this.putters.wakeFirst(null);
  }
}
