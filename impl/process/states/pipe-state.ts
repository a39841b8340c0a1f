import { EOFError, OSError } from '../errors';
import { WaitList, type CallContext } from './wait-list';

/**
 * The two ends of a multiprocessing.Pipe held by the object server: what end 0 sends, end 1
 * receives, and the other way round (a one-way pipe's ends each have one direction; the client
 * enforces it). recv() waits for an item; once the other end is closed and nothing is left, it
 * raises EOFError, as a read at end of file does.
 */
export class PipeState {
  /** channels[i]: items waiting for end i. */
  private readonly channels: unknown[][] = [[], []];
  private readonly receivers = [new WaitList<unknown>(), new WaitList<unknown>()];
  private readonly closed = [false, false];

  call(method: string, args: unknown[], ctx: CallContext): unknown {
    const end = args[0] as 0 | 1;
    const other = (1 - end) as 0 | 1;
    switch (method) {
      case 'send':
        if (this.closed[end]) throw new OSError('handle is closed');
        if (this.closed[other]) throw new OSError('[Errno 32] Broken pipe');
        if (!this.receivers[other].wakeFirst(args[1])) this.channels[other].push(args[1]);
        return null;
      case 'recv':
        if (this.closed[end]) throw new OSError('handle is closed');
        if (this.channels[end].length > 0) return this.channels[end].shift();
        if (this.closed[other]) throw new EOFError();
        return this.receivers[end].park(ctx, null, () => null, undefined).then((item) => {
          if (item === EOF_SIGNAL) throw new EOFError();
          return item;
        });
      case 'poll': {
        if (this.channels[end].length > 0 || this.closed[other]) return true;
        const timeout = args[1] as number | null;
        if (timeout !== null && timeout <= 0) return false;
        return this.receivers[end].park(ctx, timeout, () => false, undefined).then((item) => {
          if (item === false) return false;
          // poll() only looks: the item that woke it goes back to the front for recv().
          if (item !== EOF_SIGNAL) this.channels[end].unshift(item);
          return true;
        });
      }
      case 'close':
        this.closed[end] = true;
        // Whoever waits at the other end will get nothing more.
        if (this.channels[other].length === 0) this.receivers[other].wakeAll(EOF_SIGNAL);
        return null;
      default:
        throw new TypeError(`a Connection has no method ${method}`);
    }
  }
}

/** Handed to a waiting receiver when the other end closes: there will be nothing more. */
const EOF_SIGNAL = '__conform_eof__';
