import * as net from 'node:net';
import { ValueError } from '../../errors';
import { formatAddress, type ResolvedAddress, type SocketAddress } from './address';
import { AF_UNIX, SHUT_RD, SHUT_RDWR, SHUT_WR, type AddressFamily } from './constants';
import { fromNodeError, osError } from './os-errors';
import { awaitReady, ReadinessSignal } from './readiness';

/**
 * One end of a TCP (or AF_UNIX stream) connection with the byte semantics of a kernel socket:
 * what has arrived sits in a receive buffer, and recv(n) takes at most n bytes of it, whatever
 * send() calls it came from; an empty result means the peer closed (or this side shut down
 * reading). Node reads from the kernel on its own schedule, so the buffer here stands in for the
 * kernel's receive queue; past RECEIVE_HIGH_WATER bytes the Node socket is paused, the kernel's
 * buffer fills and TCP flow control holds the sender back, as it would against a slow reader.
 */

/** Bytes buffered here before reading from the kernel stops (Linux's default rcvbuf is 128 KiB). */
const RECEIVE_HIGH_WATER = 64 * 1024;

/** What a non-blocking or timed send writes at a time while the kernel keeps taking it. */
const SEND_CHUNK = 64 * 1024;

/** How long a closed socket may keep flushing writes the kernel had not taken yet. */
const CLOSE_FLUSH_GRACE_MS = 2_000;

const EMPTY = Buffer.alloc(0);

export class ConnectedStream {
  readonly signal = new ReadinessSignal();
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private eof = false;
  private readShut = false;
  private writeShut = false;
  private connecting = false;
  private error: Error | undefined;
  private errorReported = false;
  private nodeClosed = false;

  /**
   * `unixPath` is the listener's path for AF_UNIX connections: CPython reports it as the
   * server side's own name and as the client side's peer name.
   */
  private constructor(
    private readonly socket: net.Socket,
    private readonly family: AddressFamily,
    private readonly unixPath: { local: string; peer: string },
    paused: boolean,
  ) {
    // Paused before the 'data' listener goes on, or adding it would start reading at once.
    if (paused) socket.pause();
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
      if (this.buffered >= RECEIVE_HIGH_WATER) socket.pause();
      this.signal.notify();
    });
    socket.on('end', () => this.changed(() => (this.eof = true)));
    socket.on('error', (error) => this.changed(() => (this.error ??= error)));
    socket.on('close', () => this.changed(() => (this.nodeClosed = true)));
    socket.on('drain', () => this.signal.notify());
  }

  /** An accepted connection; it starts reading when accept() hands it out (until then the kernel holds its data). */
  static accepted(socket: net.Socket, family: AddressFamily, listenerPath: string): ConnectedStream {
    return new ConnectedStream(socket, family, { local: listenerPath, peer: '' }, true);
  }

  /** Starts connecting; `connected()` tells when it is done. */
  static connect(family: AddressFamily, to: ResolvedAddress, from: ResolvedAddress | undefined, noDelay: boolean): ConnectedStream {
    const socket = new net.Socket({ allowHalfOpen: true });
    const conn = new ConnectedStream(socket, family, { local: '', peer: to.kind === 'unix' ? to.path : '' }, false);
    conn.connecting = true;
    socket.once('connect', () => conn.changed(() => (conn.connecting = false)));
    if (noDelay) socket.setNoDelay(true);
    if (to.kind === 'unix') socket.connect({ path: to.path });
    else {
      const local = from?.kind === 'inet' ? { localAddress: from.host, ...(from.port === 0 ? {} : { localPort: from.port }) } : {};
      socket.connect({ host: to.host, port: to.port, ...local });
    }
    return conn;
  }

  private changed(update: () => void): void {
    update();
    this.signal.notify();
  }

  start(): void {
    this.socket.resume();
  }

  /** true once connected; throws the connect error (ConnectionRefusedError, ...) once; undefined while connecting. */
  connected(): true | undefined {
    if (this.error !== undefined && !this.errorReported) {
      this.errorReported = true;
      throw fromNodeError(this.error);
    }
    if (this.errorReported) throw osError('ECONNABORTED');
    return this.connecting ? undefined : true;
  }

  get isConnecting(): boolean {
    return this.connecting;
  }

  /** select(2)'s read readiness: data, EOF, a shut-down read side or a pending error. */
  get readable(): boolean {
    if (this.connecting) return this.error !== undefined;
    return this.buffered > 0 || this.eof || this.readShut || this.error !== undefined || this.nodeClosed;
  }

  /** Write readiness: connected with nothing left in Node's write queue, or failed (the next send reports it). */
  get writable(): boolean {
    if (this.connecting) return this.error !== undefined;
    return this.socket.writableLength === 0 || this.writeShut || this.error !== undefined || this.nodeClosed;
  }

  recv(n: number, timeout: number | null, caller = 'recv'): Promise<Buffer> {
    if (!Number.isInteger(n) || n < 0) return Promise.reject(new ValueError(`negative buffersize in ${caller}`));
    if (n === 0) return Promise.resolve(EMPTY);
    return awaitReady(timeout, [this.signal], () => this.take(n));
  }

  private take(n: number): Buffer | undefined {
    if (this.buffered > 0) {
      const parts: Buffer[] = [];
      let need = n;
      while (need > 0 && this.chunks.length > 0) {
        const head = this.chunks[0];
        if (head.length <= need) {
          parts.push(head);
          this.chunks.shift();
          need -= head.length;
        } else {
          parts.push(head.subarray(0, need));
          this.chunks[0] = head.subarray(need);
          need = 0;
        }
      }
      const out = parts.length === 1 ? parts[0] : Buffer.concat(parts);
      this.buffered -= out.length;
      if (this.buffered < RECEIVE_HIGH_WATER && this.socket.isPaused() && !this.nodeClosed) this.socket.resume();
      return out;
    }
    // Data that arrived before a reset is read first; then the error, once; then EOF.
    if (this.error !== undefined && !this.errorReported) {
      this.errorReported = true;
      throw fromNodeError(this.error);
    }
    if (this.eof || this.readShut || this.errorReported || this.nodeClosed) return EMPTY;
    return undefined;
  }

  /** Problems that make any send fail at once. */
  private sendProblem(): Error | undefined {
    if (this.error !== undefined && !this.errorReported) {
      this.errorReported = true;
      return fromNodeError(this.error);
    }
    if (this.writeShut || this.errorReported || this.nodeClosed) return osError('EPIPE');
    return undefined;
  }

  /**
   * Blocking mode hands the bytes to the kernel and returns when it has taken them all (Linux's
   * blocking send). With a timeout or non-blocking, send waits (at most the timeout) until Node's
   * write queue is empty, then writes SEND_CHUNK bytes at a time for as long as the kernel takes
   * each chunk at once, and returns how many it handed over: a partial count once the kernel's
   * buffer is full, as CPython's send returns (the last chunk, partly taken, is flushed by Node
   * and counts as sent, so the count is exact to within one chunk of the kernel's free space).
   */
  async send(data: Uint8Array, timeout: number | null): Promise<number> {
    const problem = this.sendProblem();
    if (problem !== undefined) throw problem;
    if (data.length === 0) return 0;
    if (timeout === null) {
      await this.write(data);
      return data.length;
    }
    await awaitReady(timeout, [this.signal], () => {
      const failed = this.sendProblem();
      if (failed !== undefined) throw failed;
      return this.socket.writableLength === 0 ? true : undefined;
    });
    let sent = 0;
    while (sent < data.length) {
      const chunk = data.subarray(sent, sent + SEND_CHUNK);
      this.write(chunk).catch(() => undefined); // a later failure is reported by the next call, as the kernel would
      sent += chunk.length;
      // A write the kernel took whole completes synchronously; one it did not leaves bytes queued.
      if (this.socket.writableLength > 0) break;
    }
    return sent;
  }

  /** Like send, but with a timeout it waits (at most that long) until the kernel has taken every byte. */
  async sendall(data: Uint8Array, timeout: number | null): Promise<void> {
    if (timeout === null || timeout === 0) {
      await this.send(data, timeout);
      return;
    }
    const problem = this.sendProblem();
    if (problem !== undefined) throw problem;
    if (data.length === 0) return;
    let done = false;
    const written = this.write(data).finally(() => (done = true));
    written.catch(() => undefined);
    await awaitReady(timeout, [this.signal], () => (done ? true : undefined));
    await written;
  }

  private write(data: Uint8Array): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.socket.write(data, (error) => {
        this.signal.notify();
        if (error === undefined || error === null) resolve();
        else {
          this.errorReported = true;
          reject(this.error === undefined ? osError('EPIPE') : fromNodeError(this.error));
        }
      });
    });
  }

  shutdown(how: number): void {
    if (how !== SHUT_RD && how !== SHUT_WR && how !== SHUT_RDWR) throw osError('EINVAL');
    if (this.connecting || this.nodeClosed) throw osError('ENOTCONN');
    if (how !== SHUT_WR) this.readShut = true;
    if (how !== SHUT_RD && !this.writeShut) {
      this.writeShut = true;
      this.socket.end();
    }
    this.signal.notify();
  }

  setNoDelay(on: boolean): void {
    this.socket.setNoDelay(on);
  }

  /**
   * Closing with unread received data makes Linux answer with a reset instead of a FIN; bytes
   * buffered here were read from the kernel already, so the reset is sent explicitly.
   */
  close(): void {
    const socket = this.socket;
    this.chunks.length = 0;
    const unread = this.buffered > 0 || socket.readableLength > 0;
    this.buffered = 0;
    if (socket.destroyed) return;
    if (unread) socket.resetAndDestroy();
    else if (socket.writableLength > 0 && !this.writeShut) {
      // The kernel keeps sending what a closed socket had queued; here Node does, for a while.
      const timer = setTimeout(() => socket.destroy(), CLOSE_FLUSH_GRACE_MS);
      timer.unref();
      socket.end(() => {
        clearTimeout(timer);
        socket.destroy();
      });
    } else socket.destroy();
    this.signal.notify();
  }

  /** Drops the connection with a reset (RST), as Linux does to connections queued on a listener that closes. */
  abort(): void {
    this.chunks.length = 0;
    this.buffered = 0;
    if (!this.socket.destroyed) this.socket.resetAndDestroy();
    this.signal.notify();
  }

  localAddress(): SocketAddress {
    if (this.family === AF_UNIX) return this.unixPath.local;
    return formatAddress(this.family, this.socket.localAddress, this.socket.localPort);
  }

  peerAddress(): SocketAddress {
    if (this.connecting) throw osError('ENOTCONN');
    if (this.family === AF_UNIX) return this.unixPath.peer;
    if (this.socket.remoteAddress === undefined) throw osError('ENOTCONN');
    return formatAddress(this.family, this.socket.remoteAddress, this.socket.remotePort);
  }
}
