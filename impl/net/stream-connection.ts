/**
 * A connected TCP socket with Python's blocking-socket calls as promises, over any `net.Socket`
 * (one we connected, one a server accepted, one a parent process passed to a child): `recv(n)`
 * returns up to n bytes of whatever has arrived (at least one; b'' only once the peer has
 * closed), `sendall` resolves once the kernel has the bytes, `close`, `reset`, `settimeout`.
 * Errors are CPython's (socket/os-errors.ts). The full socket facade is ./socket/; this is the
 * small surface servers, clients and probes need, and it wraps sockets the facade did not create.
 *
 * Bytes wait in a receive buffer until `recv` takes them; above RECEIVE_HIGH_WATER the socket is
 * paused, so a reader that does not read pushes back on the sender through TCP flow control, as
 * an unread kernel buffer would. `recv` never returns more than asked and keeps the rest for the
 * next call, which is exactly what makes "sticky packets" observable.
 */
import * as net from 'node:net';
import { ReceiveBuffer } from './receive-buffer';
import { fromNodeError, osError, socketTimeout } from './socket/os-errors';

export { EOFError } from './receive-buffer';

export const RECEIVE_HIGH_WATER = 256 * 1024;

/** How long a closed connection may go on flushing what it had queued. */
export const CLOSE_FLUSH_GRACE_MS = 2000;

export interface RecvOptions {
  /** Seconds before TimeoutError; overrides `settimeout` for this call; null waits forever. */
  timeout?: number | null;
}

export type Address = [host: string, port: number];

export class StreamConnection {
  private readonly received: ReceiveBuffer;
  private closedByUs = false;
  private timeoutSeconds: number | null = null;
  /** Resolves when the socket is fully closed and its handle released. */
  readonly closed: Promise<void>;

  constructor(readonly socket: net.Socket) {
    // As with a kernel socket, the peer's FIN ends only our reading side: we may still send
    // (Node's default would end our side too). Set here because sockets passed from another
    // process arrive with Node's default.
    socket.allowHalfOpen = true;
    this.closed = socket.closed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()));
    this.received = new ReceiveBuffer((_taken, left) => {
      if (left <= RECEIVE_HIGH_WATER / 2 && socket.isPaused() && !socket.destroyed) socket.resume();
    });
    socket.on('data', (chunk: Buffer) => {
      this.received.push(chunk);
      if (this.received.length > RECEIVE_HIGH_WATER) socket.pause();
    });
    socket.on('error', (error) => this.received.fail(fromNodeError(error)));
    socket.on('end', () => this.received.end());
    socket.on('close', () => this.received.end());
    // A socket that failed or closed before it was wrapped (a queued connection reset by its
    // client) has already emitted its events; its state says what happened.
    if (socket.errored) this.received.fail(fromNodeError(socket.errored));
    if (socket.destroyed) this.received.end();
    // A socket handed over paused (pauseOnConnect, or passed from another process) starts reading now.
    socket.resume();
  }

  static wrap(socket: net.Socket): StreamConnection {
    return new StreamConnection(socket);
  }

  /** Connects to host:port; ConnectionRefusedError, or TimeoutError after `timeout` seconds. */
  static connect(host: string, port: number, options: { timeout?: number | null } = {}): Promise<StreamConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port, allowHalfOpen: true });
      const timeout = options.timeout ?? null;
      const timer = timeout === null ? null : setTimeout(() => fail(socketTimeout()), timeout * 1000);
      const fail = (error: Error) => {
        if (timer) clearTimeout(timer);
        socket.destroy();
        reject(error);
      };
      const onError = (error: Error) => fail(fromNodeError(error));
      socket.once('error', onError);
      socket.once('connect', () => {
        if (timer) clearTimeout(timer);
        socket.off('error', onError);
        resolve(new StreamConnection(socket));
      });
    });
  }

  /** Python's `settimeout`: seconds for every later recv, or null to block forever. */
  settimeout(seconds: number | null): void {
    this.timeoutSeconds = seconds;
  }

  /**
   * Up to `bufsize` bytes: resolves as soon as at least one byte is there; b'' once the peer has
   * closed and everything before was read. A reset is reported once (ConnectionResetError),
   * after the bytes that arrived before it; later calls return b''.
   */
  recv(bufsize: number, options: RecvOptions = {}): Promise<Buffer> {
    return this.received.recv(bufsize, options.timeout === undefined ? this.timeoutSeconds : options.timeout);
  }

  /** Exactly `n` bytes, looping on recv; EOFError if the stream ends first. */
  recvExactly(n: number, options: RecvOptions = {}): Promise<Buffer> {
    return this.received.recvExactly(n, options.timeout === undefined ? this.timeoutSeconds : options.timeout);
  }

  /** Python's send; Node queues everything, so all of `data` is accepted and its length returned. */
  async send(data: Uint8Array | string): Promise<number> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    await this.sendall(bytes);
    return bytes.length;
  }

  /** Resolves when the kernel has taken every byte; BrokenPipeError or ConnectionResetError otherwise. */
  sendall(data: Uint8Array | string): Promise<void> {
    return new Promise((resolve, reject) => {
      const failure = this.received.takeFailure();
      if (failure) return reject(failure);
      if (this.closedByUs || this.received.failed || this.socket.destroyed || this.socket.writableEnded) return reject(osError('EPIPE'));
      this.socket.write(data, (error) => (error ? reject(fromNodeError(error)) : resolve()));
    });
  }

  /** `shutdown(SHUT_WR)`: FIN after what is queued; the peer's recv then returns b''. */
  shutdownWrite(): void {
    if (!this.socket.destroyed) this.socket.end();
  }

  /**
   * Python's close(): FIN once queued bytes are out, then the handle is released. The kernel
   * would keep flushing a closed socket's queue on its own; here the socket is given
   * CLOSE_FLUSH_GRACE_MS to do so, then destroyed, so a peer that never reads cannot keep it.
   * Closing with received bytes still unread is a reset, as on Linux.
   */
  close(): void {
    if (this.closedByUs) return;
    if (this.received.length > 0 || this.socket.readableLength > 0) {
      this.reset();
      return;
    }
    this.closedByUs = true;
    this.received.close();
    if (this.socket.destroyed) return;
    const grace = setTimeout(() => this.socket.destroy(), CLOSE_FLUSH_GRACE_MS);
    this.socket.once('close', () => clearTimeout(grace));
    this.socket.destroySoon();
  }

  /**
   * Closes with RST instead of FIN (SO_LINGER 0): the peer sees ConnectionResetError. Once our
   * FIN is under way (after close or shutdownWrite) it is a plain destroy: in Node 20,
   * resetAndDestroy after end() never releases the handle (no 'close', a leaked fd).
   */
  reset(): void {
    this.closedByUs = true;
    if (this.socket.writableEnded) this.socket.destroy();
    else if (!this.socket.destroyed) this.socket.resetAndDestroy();
    this.received.close();
  }

  getpeername(): Address {
    return [this.socket.remoteAddress ?? '', this.socket.remotePort ?? 0];
  }

  getsockname(): Address {
    return [this.socket.localAddress ?? '', this.socket.localPort ?? 0];
  }

  /** Bytes received and not yet taken by recv. */
  get bufferedBytes(): number {
    return this.received.length;
  }
}
