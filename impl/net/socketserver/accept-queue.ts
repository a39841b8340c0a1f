/**
 * Connections Node has accepted that the server has not taken yet: the stand-in for the listen
 * backlog. Node accepts from the kernel at once; with `pauseOnConnect` the sockets read nothing
 * until taken, so a client's connect succeeds while its request waits, as it does behind a
 * serial server's backlog.
 */
import type * as net from 'node:net';

export class AcceptQueue {
  private readonly waiting: net.Socket[] = [];
  private taker: ((socket: net.Socket | null) => void) | null = null;
  private stopped = false;

  push(socket: net.Socket): void {
    // An error on a queued socket (its client reset) must not crash the process; the handler
    // sees it through socket.errored once the connection is taken.
    socket.on('error', () => undefined);
    if (this.taker) {
      const take = this.taker;
      this.taker = null;
      take(socket);
    } else {
      this.waiting.push(socket);
    }
  }

  /** The next connection, or null once `stop` is called. One taker at a time. */
  next(): Promise<net.Socket | null> {
    if (this.stopped) return Promise.resolve(null);
    const queued = this.waiting.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => (this.taker = resolve));
  }

  /** Wakes a waiting `next` with null; later calls return null at once until `resume`. */
  stop(): void {
    this.stopped = true;
    const take = this.taker;
    this.taker = null;
    take?.(null);
  }

  resume(): void {
    this.stopped = false;
  }

  /** Removes and returns every queued connection. */
  drain(): net.Socket[] {
    return this.waiting.splice(0);
  }

  get length(): number {
    return this.waiting.length;
  }
}
