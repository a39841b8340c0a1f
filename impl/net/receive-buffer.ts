/**
 * The receiving half of a stream socket, as recv() sees it: bytes that arrived and were not read
 * yet, whether the peer has closed, and the error to report. `recv(n)` takes at most n bytes as
 * soon as at least one is there; b'' once the stream ended and everything before was read; a
 * failure (a reset) is reported once, after the bytes that arrived before it, then b''. Used by
 * StreamConnection over a socket and by the thread-per-connection server's worker side, which
 * receives its bytes over a message port.
 */
import { ByteQueue } from './byte-queue';
import { osError, socketTimeout } from './socket/os-errors';

/** Python's EOFError: the peer closed before the bytes a caller needed arrived. */
export class EOFError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EOFError';
  }
}

interface PendingRecv {
  bufsize: number;
  resolve(data: Buffer): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout | null;
}

export class ReceiveBuffer {
  private readonly received = new ByteQueue();
  private readonly waiters: PendingRecv[] = [];
  private ended = false;
  private failure: Error | null = null;
  private failureReported = false;
  private closed = false;

  /** `onTaken(n, left)` runs after recv takes n bytes (for flow control: left are still held). */
  constructor(private readonly onTaken: (n: number, left: number) => void = () => undefined) {}

  get length(): number {
    return this.received.length;
  }

  /** True once a failure was recorded (reported or not). */
  get failed(): boolean {
    return this.failure !== null;
  }

  push(chunk: Uint8Array): void {
    this.received.push(chunk);
    this.serve();
  }

  /** The peer closed its side: recv returns b'' once the bytes before are read. */
  end(): void {
    this.ended = true;
    this.serve();
  }

  /** The connection failed (e.g. ConnectionResetError); the first recv after the data reports it. */
  fail(error: Error): void {
    this.failure ??= error;
    this.serve();
  }

  /** Takes the pending failure if it was not reported yet (a send reports it too, once). */
  takeFailure(): Error | null {
    if (this.failure === null || this.failureReported) return null;
    this.failureReported = true;
    return this.failure;
  }

  /** We closed the socket: waiting and later recvs raise EBADF, as on a closed fd. */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) this.settle(waiter, osError('EBADF'));
  }

  /** Up to `bufsize` bytes; `timeout` in seconds (null waits forever) ends in TimeoutError. */
  recv(bufsize: number, timeout: number | null): Promise<Buffer> {
    if (!Number.isInteger(bufsize) || bufsize < 0) return Promise.reject(new RangeError('negative buffersize in recv'));
    if (this.closed) return Promise.reject(osError('EBADF'));
    if (bufsize === 0) return Promise.resolve(Buffer.alloc(0));
    return new Promise((resolve, reject) => {
      const waiter: PendingRecv = { bufsize, resolve, reject, timer: null };
      if (timeout !== null) {
        waiter.timer = setTimeout(() => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(socketTimeout());
        }, timeout * 1000);
      }
      this.waiters.push(waiter);
      this.serve();
    });
  }

  /** Exactly `n` bytes, looping on recv; EOFError if the stream ends first. */
  async recvExactly(n: number, timeout: number | null): Promise<Buffer> {
    const parts: Buffer[] = [];
    let got = 0;
    while (got < n) {
      const chunk = await this.recv(n - got, timeout);
      if (chunk.length === 0) throw new EOFError(`the peer closed after ${got} of ${n} bytes`);
      parts.push(chunk);
      got += chunk.length;
    }
    return Buffer.concat(parts, n);
  }

  private serve(): void {
    while (this.waiters.length > 0) {
      if (this.received.length > 0) {
        const waiter = this.waiters.shift()!;
        const data = this.received.take(waiter.bufsize);
        this.settle(waiter, data);
        this.onTaken(data.length, this.received.length);
      } else if (this.failure !== null && !this.failureReported) {
        this.failureReported = true;
        this.settle(this.waiters.shift()!, this.failure);
      } else if (this.ended || this.failure !== null) {
        for (const waiter of this.waiters.splice(0)) this.settle(waiter, Buffer.alloc(0));
      } else {
        return;
      }
    }
  }

  private settle(waiter: PendingRecv, outcome: Buffer | Error): void {
    if (waiter.timer) clearTimeout(waiter.timer);
    if (outcome instanceof Error) waiter.reject(outcome);
    else waiter.resolve(outcome);
  }
}
