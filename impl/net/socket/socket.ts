import { ValueError } from '../../errors';
import { parseAddress, unboundAddress, type ResolvedAddress, type SocketAddress } from './address';
import {
  AF_INET,
  AF_INET6,
  AF_UNIX,
  IPPROTO_TCP,
  SO_RCVBUF,
  SO_REUSEADDR,
  SO_TYPE,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  TCP_NODELAY,
  type AddressFamily,
  type SocketKind,
} from './constants';
import { DatagramEndpoint } from './datagram-endpoint';
import { NotSupportedError, osError } from './os-errors';
import { awaitReady, type ReadinessSignal } from './readiness';
import { ConnectedStream } from './connected-stream';
import { StreamListener } from './stream-listener';

/**
 * Python's socket.socket over Node's net and dgram: the same methods, arguments, return values
 * and exceptions (with Linux's errnos), timeouts in seconds. Calls that wait in CPython return
 * promises here; the socket's mode decides how they wait (awaitReady): blocking (the default,
 * as in CPython), non-blocking (setblocking(False): BlockingIOError EAGAIN when nothing is
 * ready) or with a timeout (socket.timeout). Byte semantics are the kernel's: see
 * stream-connection.ts and datagram-endpoint.ts.
 *
 * Where Node cannot do what CPython does, this says so instead of pretending:
 * - a stream socket's bind() is recorded and takes effect at listen() or connect() (Node binds
 *   and listens in one call), so a port in use is reported by listen(), and getsockname() after
 *   bind(('127.0.0.1', 0)) reports port 0 until listen();
 * - listening TCP sockets always have SO_REUSEADDR (Node sets it; getsockopt says 1);
 * - AF_UNIX datagram sockets and TCP's SO_RCVBUF raise NotSupported.
 */

type Role =
  | { kind: 'fresh'; bindTo?: ResolvedAddress }
  | { kind: 'connection'; conn: ConnectedStream }
  | { kind: 'listener'; listener: StreamListener }
  | { kind: 'datagram'; endpoint?: DatagramEndpoint }
  | { kind: 'closed' };

/** What select() needs to know about a socket. */
export interface SelectState {
  readable: boolean;
  writable: boolean;
  signals: readonly ReadinessSignal[];
}

/** Python's default for listen() without a backlog: min(SOMAXCONN, 128). */
const DEFAULT_BACKLOG = 128;

/** CPython checks the size before anything else: a negative one is a ValueError even on a closed socket. */
function checkBufsize(n: number, caller: string): void {
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new TypeError(`'${typeof n}' object cannot be interpreted as an integer`);
  if (n < 0) throw new ValueError(`negative buffersize in ${caller}`);
}

function isBytes(data: unknown): data is Uint8Array {
  return data instanceof Uint8Array;
}

export class Socket {
  readonly family: AddressFamily;
  readonly type: SocketKind;
  readonly proto = 0;
  private timeout: number | null = null;
  private role: Role;
  private reuseAddr = 0;
  private noDelay = 0;
  private rcvbuf: number | undefined;

  constructor(family: AddressFamily = AF_INET, type: SocketKind = SOCK_STREAM) {
    if (family !== AF_INET && family !== AF_INET6 && family !== AF_UNIX) throw osError('EAFNOSUPPORT');
    if (type !== SOCK_STREAM && type !== SOCK_DGRAM) throw osError('EINVAL');
    if (family === AF_UNIX && type === SOCK_DGRAM) throw new NotSupportedError('an AF_UNIX datagram socket');
    this.family = family;
    this.type = type;
    this.role = type === SOCK_DGRAM ? { kind: 'datagram' } : { kind: 'fresh' };
  }

  private static fromConnection(family: AddressFamily, conn: ConnectedStream): Socket {
    const socket = new Socket(family, SOCK_STREAM);
    socket.role = { kind: 'connection', conn };
    return socket;
  }

  // -- modes -------------------------------------------------------------------------------

  setblocking(flag: boolean): void {
    this.timeout = flag ? null : 0;
  }

  getblocking(): boolean {
    return this.timeout !== 0;
  }

  /** Seconds; null blocks, 0 is non-blocking. */
  settimeout(value: number | null): void {
    if (value !== null && (typeof value !== 'number' || Number.isNaN(value))) throw new TypeError('Timeout value must be int, float or None');
    if (value !== null && value < 0) throw new ValueError('Timeout value out of range');
    this.timeout = value;
  }

  gettimeout(): number | null {
    return this.timeout;
  }

  get closed(): boolean {
    return this.role.kind === 'closed';
  }

  // -- connection set-up -------------------------------------------------------------------

  private live(): Exclude<Role, { kind: 'closed' }> {
    if (this.role.kind === 'closed') throw osError('EBADF');
    return this.role;
  }

  private endpoint(): DatagramEndpoint {
    const role = this.live();
    if (role.kind !== 'datagram') throw new Error('not a datagram socket');
    if (role.endpoint === undefined) {
      // Created on first use, so that SO_REUSEADDR and SO_RCVBUF set before it take effect.
      role.endpoint = new DatagramEndpoint(this.family, this.reuseAddr !== 0);
      if (this.rcvbuf !== undefined) role.endpoint.setRcvbuf(this.rcvbuf);
    }
    return role.endpoint;
  }

  async bind(address: SocketAddress): Promise<void> {
    const role = this.live();
    const at = parseAddress(this.family, address, 'bind');
    if (role.kind === 'datagram') return this.endpoint().bind(at);
    if (role.kind !== 'fresh' || role.bindTo !== undefined) throw osError('EINVAL');
    role.bindTo = at;
  }

  async listen(backlog = DEFAULT_BACKLOG): Promise<void> {
    const role = this.live();
    if (role.kind === 'datagram') throw osError('EOPNOTSUPP');
    if (role.kind === 'listener') return;
    if (role.kind !== 'fresh') throw osError('EINVAL');
    if (role.bindTo === undefined && this.family === AF_UNIX) throw new NotSupportedError('listen() on an unbound AF_UNIX socket (autobind)');
    const at = role.bindTo ?? parseAddress(this.family, ['', 0], 'listen');
    const listener = await StreamListener.listen(this.family, at, Math.max(0, Math.trunc(backlog)));
    if (this.role !== role) {
      listener.close(); // closed while the listen was under way
      throw osError('EBADF');
    }
    this.role = { kind: 'listener', listener };
  }

  async accept(): Promise<[Socket, SocketAddress]> {
    const role = this.live();
    if (role.kind === 'datagram') throw osError('EOPNOTSUPP');
    if (role.kind !== 'listener') throw osError('EINVAL');
    const conn = await role.listener.accept(this.timeout);
    return [Socket.fromConnection(this.family, conn), conn.peerAddress()];
  }

  async connect(address: SocketAddress): Promise<void> {
    const role = this.live();
    const to = parseAddress(this.family, address, 'connect');
    if (role.kind === 'datagram') return this.endpoint().connect(to);
    if (role.kind === 'listener') throw osError('EISCONN');
    if (role.kind === 'connection') throw osError(role.conn.isConnecting ? 'EALREADY' : 'EISCONN');
    if (role.bindTo !== undefined && this.family === AF_UNIX) throw new NotSupportedError('connect() from a bound AF_UNIX socket');
    const conn = ConnectedStream.connect(this.family, to, role.bindTo, this.noDelay !== 0);
    this.role = { kind: 'connection', conn };
    try {
      await awaitReady(this.timeout, [conn.signal], () => conn.connected(), () => osError('EINPROGRESS'));
    } catch (e) {
      // A refused or timed-out connect leaves a socket that may try again; one in progress stays.
      if ((e as Error).name !== 'BlockingIOError' && this.role.kind === 'connection' && this.role.conn === conn) {
        conn.close();
        this.role = { kind: 'fresh' };
      }
      throw e;
    }
  }

  // -- data --------------------------------------------------------------------------------

  private connection(forSend: boolean): ConnectedStream {
    const role = this.live();
    if (role.kind === 'connection') return role.conn;
    throw osError(forSend ? 'EPIPE' : 'ENOTCONN');
  }

  async send(data: Uint8Array): Promise<number> {
    if (!isBytes(data)) throw new TypeError(`a bytes-like object is required, not '${typeof data}'`);
    if (this.live().kind === 'datagram') return this.endpoint().sendto(data, undefined);
    return this.connection(true).send(data, this.timeout);
  }

  async sendall(data: Uint8Array): Promise<void> {
    if (!isBytes(data)) throw new TypeError(`a bytes-like object is required, not '${typeof data}'`);
    if (this.live().kind === 'datagram') {
      await this.endpoint().sendto(data, undefined);
      return;
    }
    await this.connection(true).sendall(data, this.timeout);
  }

  async sendto(data: Uint8Array, address: SocketAddress): Promise<number> {
    if (!isBytes(data)) throw new TypeError(`a bytes-like object is required, not '${typeof data}'`);
    const role = this.live();
    const to = parseAddress(this.family, address, 'sendto');
    if (role.kind === 'datagram') return this.endpoint().sendto(data, to);
    throw osError(role.kind === 'connection' ? 'EISCONN' : 'EPIPE');
  }

  async recv(n: number): Promise<Buffer> {
    checkBufsize(n, 'recv');
    if (this.live().kind === 'datagram') return (await this.endpoint().recvfrom(n, this.timeout, 'recv'))[0];
    return this.connection(false).recv(n, this.timeout);
  }

  /** A stream socket's recvfrom returns (data, None), as CPython's does for TCP. */
  async recvfrom(n: number): Promise<[Buffer, SocketAddress | null]> {
    checkBufsize(n, 'recvfrom');
    if (this.live().kind === 'datagram') return this.endpoint().recvfrom(n, this.timeout);
    return [await this.connection(false).recv(n, this.timeout, 'recvfrom'), null];
  }

  shutdown(how: number): void {
    this.connection(false).shutdown(how);
  }

  close(): void {
    const role = this.role;
    this.role = { kind: 'closed' };
    switch (role.kind) {
      case 'connection':
        role.conn.close();
        break;
      case 'listener':
        role.listener.close();
        break;
      case 'datagram':
        role.endpoint?.close();
        break;
      default:
        break;
    }
  }

  // -- names and options -------------------------------------------------------------------

  getsockname(): SocketAddress {
    const role = this.live();
    switch (role.kind) {
      case 'fresh':
        return role.bindTo === undefined ? unboundAddress(this.family) : formatResolved(this.family, role.bindTo);
      case 'listener':
        return role.listener.address();
      case 'connection':
        return role.conn.localAddress();
      case 'datagram':
        return role.endpoint === undefined ? unboundAddress(this.family) : role.endpoint.localAddress();
    }
  }

  getpeername(): SocketAddress {
    const role = this.live();
    if (role.kind === 'connection') return role.conn.peerAddress();
    if (role.kind === 'datagram' && role.endpoint !== undefined) return role.endpoint.peerAddress();
    throw osError('ENOTCONN');
  }

  setsockopt(level: number, option: number, value: number | boolean): void {
    const role = this.live();
    const n = Number(value);
    if (!Number.isInteger(n)) throw new TypeError(`'${typeof value}' object cannot be interpreted as an integer`);
    if (level === SOL_SOCKET && option === SO_REUSEADDR) {
      this.reuseAddr = n === 0 ? 0 : 1;
    } else if (level === IPPROTO_TCP && option === TCP_NODELAY) {
      if (role.kind === 'datagram') throw osError('EOPNOTSUPP');
      this.noDelay = n === 0 ? 0 : 1;
      if (role.kind === 'connection') role.conn.setNoDelay(this.noDelay !== 0);
    } else if (level === SOL_SOCKET && option === SO_RCVBUF) {
      if (role.kind !== 'datagram') throw new NotSupportedError('SO_RCVBUF on a stream socket');
      this.rcvbuf = n;
      role.endpoint?.setRcvbuf(n);
    } else throw osError('ENOPROTOOPT');
  }

  getsockopt(level: number, option: number): number {
    const role = this.live();
    if (level === SOL_SOCKET && option === SO_REUSEADDR) return role.kind === 'listener' ? 1 : this.reuseAddr;
    if (level === SOL_SOCKET && option === SO_TYPE) return this.type;
    if (level === IPPROTO_TCP && option === TCP_NODELAY) {
      if (role.kind === 'datagram') throw osError('EOPNOTSUPP');
      return this.noDelay;
    }
    if (level === SOL_SOCKET && option === SO_RCVBUF) {
      if (role.kind !== 'datagram') throw new NotSupportedError('SO_RCVBUF on a stream socket');
      return this.endpoint().getRcvbuf();
    }
    throw osError('ENOPROTOOPT');
  }

  /** Readiness as select(2) reports it; a closed socket is CPython's ValueError (its fd is -1). */
  selectState(): SelectState {
    const role = this.role;
    switch (role.kind) {
      case 'closed':
        throw new ValueError('file descriptor cannot be a negative integer (-1)');
      case 'fresh':
        // An unconnected TCP socket polls as POLLOUT|POLLHUP: readable and writable at once.
        return { readable: true, writable: true, signals: [] };
      case 'listener':
        return { readable: role.listener.readable, writable: false, signals: [role.listener.signal] };
      case 'connection':
        return { readable: role.conn.readable, writable: role.conn.writable, signals: [role.conn.signal] };
      case 'datagram': {
        const endpoint = this.endpoint();
        return { readable: endpoint.readable, writable: true, signals: [endpoint.signal] };
      }
    }
  }
}

function formatResolved(family: AddressFamily, at: ResolvedAddress): SocketAddress {
  if (at.kind === 'unix') return at.path;
  return family === AF_INET6 ? [at.host, at.port, 0, 0] : [at.host, at.port];
}
