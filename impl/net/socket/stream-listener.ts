import * as net from 'node:net';
import { formatAddress, type ResolvedAddress, type SocketAddress } from './address';
import { AF_UNIX, type AddressFamily } from './constants';
import { fromNodeError } from './os-errors';
import { awaitReady, ReadinessSignal } from './readiness';
import { ConnectedStream } from './connected-stream';

/**
 * A listening stream socket. Node accepts connections from the kernel as soon as they arrive,
 * so the queue of connections not yet accept()ed lives here and plays the listen backlog: it is
 * what makes the listener readable for select. Unlike the kernel's backlog it is not bounded by
 * listen()'s argument (the kernel's is, but Node empties it at once). Queued connections read
 * nothing until accepted, so their data waits in the kernel as it would.
 *
 * Node sets SO_REUSEADDR on every listening TCP socket and offers no way not to; a listener here
 * always has it (getsockopt reports 1).
 */
export class StreamListener {
  readonly signal = new ReadinessSignal();
  private readonly queued: ConnectedStream[] = [];
  private closed = false;

  private constructor(
    private readonly server: net.Server,
    private readonly family: AddressFamily,
    private readonly path: string,
  ) {
    server.on('connection', (socket: net.Socket) => {
      if (this.closed) {
        socket.resetAndDestroy();
        return;
      }
      this.queued.push(ConnectedStream.accepted(socket, family, path));
      this.signal.notify();
    });
    // Errors after listening (rare: EMFILE on accept) must not crash the process.
    server.on('error', () => this.signal.notify());
  }

  static async listen(family: AddressFamily, at: ResolvedAddress, backlog: number): Promise<StreamListener> {
    const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => {
        server.close();
        reject(fromNodeError(error));
      };
      server.once('error', onError);
      const options = at.kind === 'unix' ? { path: at.path, backlog } : { host: at.host, port: at.port, backlog };
      server.listen(options, () => {
        server.off('error', onError);
        resolve();
      });
    });
    return new StreamListener(server, family, at.kind === 'unix' ? at.path : '');
  }

  get readable(): boolean {
    return this.queued.length > 0;
  }

  /** The next queued connection, started; waits per `timeout` (CPython's blocking modes). */
  async accept(timeout: number | null): Promise<ConnectedStream> {
    const conn = await awaitReady(timeout, [this.signal], () => this.queued.shift());
    conn.start();
    return conn;
  }

  address(): SocketAddress {
    if (this.family === AF_UNIX) return this.path;
    const bound = this.server.address();
    if (bound === null || typeof bound === 'string') return formatAddress(this.family, undefined, undefined);
    return formatAddress(this.family, bound.address, bound.port);
  }

  /**
   * Stops listening; connections still queued are reset, as Linux aborts a closed listener's
   * accept queue. For AF_UNIX, libuv also removes the socket file (CPython leaves it).
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const conn of this.queued.splice(0)) conn.abort();
    this.server.close();
    this.signal.notify();
  }
}
