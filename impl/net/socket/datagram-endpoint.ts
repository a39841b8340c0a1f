import * as dgram from 'node:dgram';
import { ValueError } from '../../errors';
import { formatAddress, type ResolvedAddress, type SocketAddress } from './address';
import { AF_INET6, type AddressFamily } from './constants';
import { fromNodeError, osError } from './os-errors';
import { awaitReady, ReadinessSignal } from './readiness';

/**
 * A UDP socket with Linux's datagram semantics. Node's dgram hands over whole datagrams as they
 * arrive, with no limit and no way to read part of one, so two things the kernel does are done
 * here instead:
 * - truncation: recvfrom(n) on a longer datagram returns its first n bytes and the rest is
 *   discarded, never returned by the next call (Linux does this silently; Windows raises
 *   WSAEMSGSIZE);
 * - a bounded receive queue: a datagram that does not fit in SO_RCVBUF is dropped silently, as
 *   the kernel drops it. Linux charges each queued datagram its buffer's true size; the charge
 *   here, 832 + payload bytes, approximates it (on x86-64 loopback a small datagram costs 832
 *   bytes, a 1-1.5 KB one 2304), so about as many datagrams fit as in CPython on Linux.
 * Empty datagrams are datagrams: recvfrom returns (b'', sender) for them.
 */

/** Linux's net.core.rmem_default, what getsockopt(SO_RCVBUF) reports for a new UDP socket. */
const DEFAULT_RCVBUF = 212_992;
const PER_DATAGRAM_CHARGE = 832;

interface Datagram {
  data: Buffer;
  from: SocketAddress;
}

export class DatagramEndpoint {
  readonly signal = new ReadinessSignal();
  private readonly socket: dgram.Socket;
  private readonly queue: Datagram[] = [];
  private charged = 0;
  private bound = false;
  private closed = false;
  private rcvbuf = DEFAULT_RCVBUF;
  private requestedRcvbuf: number | undefined;
  private peer: { host: string; port: number } | undefined;
  /** Datagrams dropped because the receive queue was full (the kernel counts these as RcvbufErrors). */
  dropped = 0;

  constructor(
    private readonly family: AddressFamily,
    reuseAddr: boolean,
  ) {
    this.socket = dgram.createSocket({ type: family === AF_INET6 ? 'udp6' : 'udp4', reuseAddr });
    this.socket.on('message', (data: Buffer, from: dgram.RemoteInfo) => this.arrived(data, from));
    // Asynchronous errors (e.g. ICMP unreachable on a connected socket) must never crash the process.
    this.socket.on('error', () => this.signal.notify());
    this.socket.on('listening', () => {
      this.bound = true;
      this.applyRcvbuf();
    });
  }

  private arrived(data: Buffer, from: dgram.RemoteInfo): void {
    if (this.closed) return;
    if (this.peer !== undefined && (from.address !== this.peer.host || from.port !== this.peer.port)) return;
    const charge = PER_DATAGRAM_CHARGE + data.length;
    if (this.charged + charge > this.rcvbuf) {
      this.dropped++;
      return;
    }
    this.charged += charge;
    this.queue.push({ data, from: formatAddress(this.family, from.address, from.port) });
    this.signal.notify();
  }

  get readable(): boolean {
    return this.queue.length > 0;
  }

  get isBound(): boolean {
    return this.bound;
  }

  async bind(at: ResolvedAddress): Promise<void> {
    if (this.bound) throw osError('EINVAL');
    if (at.kind !== 'inet') throw osError('EAFNOSUPPORT');
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(fromNodeError(error));
      this.socket.once('error', onError);
      this.socket.bind({ address: at.host, port: at.port, exclusive: true }, () => {
        this.socket.off('error', onError);
        resolve();
      });
    });
  }

  /** A UDP connect only fixes the default destination and filters what is received; no packet is sent. */
  async connect(to: ResolvedAddress): Promise<void> {
    if (to.kind !== 'inet') throw osError('EAFNOSUPPORT');
    this.peer = { host: to.host, port: to.port };
    // Datagrams from others that were queued before the connect stay readable, as on Linux.
  }

  /** sendto returns as soon as the datagram is handed to the kernel; it succeeds whether or not anyone listens. */
  async sendto(data: Uint8Array, to: ResolvedAddress | undefined): Promise<number> {
    if (this.closed) throw osError('EBADF');
    const target = to ?? (this.peer === undefined ? undefined : { kind: 'inet' as const, ...this.peer });
    if (target === undefined) throw osError('EDESTADDRREQ');
    if (target.kind !== 'inet') throw osError('EAFNOSUPPORT');
    await new Promise<void>((resolve, reject) => {
      this.socket.send(data, target.port, target.host, (error) => (error ? reject(fromNodeError(error)) : resolve()));
    });
    return data.length;
  }

  async recvfrom(n: number, timeout: number | null, caller = 'recvfrom'): Promise<[Buffer, SocketAddress]> {
    if (!Number.isInteger(n) || n < 0) throw new ValueError(`negative buffersize in ${caller}`);
    const datagram = await awaitReady(timeout, [this.signal], () => this.queue.shift());
    this.charged -= PER_DATAGRAM_CHARGE + datagram.data.length;
    return [datagram.data.length > n ? datagram.data.subarray(0, n) : datagram.data, datagram.from];
  }

  localAddress(): SocketAddress {
    if (!this.bound) return formatAddress(this.family, undefined, undefined);
    const at = this.socket.address();
    return formatAddress(this.family, at.address, at.port);
  }

  peerAddress(): SocketAddress {
    if (this.peer === undefined) throw osError('ENOTCONN');
    return formatAddress(this.family, this.peer.host, this.peer.port);
  }

  /** Linux doubles the requested size (socket(7)) and reports the doubled value. */
  setRcvbuf(bytes: number): void {
    this.requestedRcvbuf = bytes;
    this.applyRcvbuf();
  }

  getRcvbuf(): number {
    return this.rcvbuf;
  }

  private applyRcvbuf(): void {
    if (this.bound && this.requestedRcvbuf !== undefined) this.socket.setRecvBufferSize(this.requestedRcvbuf);
    if (this.bound) this.rcvbuf = this.socket.getRecvBufferSize();
    else if (this.requestedRcvbuf !== undefined) this.rcvbuf = Math.max(2304, this.requestedRcvbuf * 2);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.length = 0;
    this.charged = 0;
    try {
      this.socket.close();
    } catch {
      // already closed by Node after an error
    }
    this.signal.notify();
  }
}
