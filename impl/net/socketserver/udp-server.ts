/**
 * socketserver.UDPServer: every datagram is one request, and the handler's `self.request` is the
 * pair `(data, socket)` — the datagram and the server's socket to answer with
 * `sendto(reply, self.client_address)` (001 §九). Requests are handled one at a time, in arrival
 * order, like CPython's UDPServer (001 uses ThreadingUDPServer; for one datagram per request the
 * difference is only whether a slow handler delays the next datagram).
 *
 * Datagrams longer than `max_packet_size` (8192, as in CPython) are cut to it, as CPython's
 * recvfrom(max_packet_size) cuts them. Datagrams that arrive while the server is not serving wait
 * in a bounded queue (the socket's receive buffer); beyond it they are dropped, as the kernel
 * drops them when the buffer is full.
 */
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import type { Address } from '../stream-connection';
import { type DatagramReplySocket, type DatagramRequest, type HandlerSource, loadHandler, runHandler } from './request-handler';
import { type ServerOptions, defaultHandleError, settleWithin, DEFAULT_CLOSE_TIMEOUT_MS } from './tcp-server';

const QUEUE_LIMIT = 1024;

interface Datagram {
  data: Buffer;
  from: Address;
}

export class UDPServer {
  max_packet_size = 8192;
  readonly requested_address: Address;
  private readonly handlerSource: HandlerSource<DatagramRequest>;
  private readonly options: ServerOptions;
  private socket: dgram.Socket | null = null;
  private readonly queue: Datagram[] = [];
  private wake: (() => void) | null = null;
  private stopping = false;
  private serving: Promise<void> | null = null;
  /** Datagrams dropped because the queue was full. */
  dropped = 0;

  constructor(server_address: Address, handler: HandlerSource<DatagramRequest>, options: ServerOptions = {}) {
    this.requested_address = server_address;
    this.handlerSource = handler;
    this.options = options;
  }

  get server_address(): Address {
    if (!this.socket) return this.requested_address;
    const bound = this.socket.address();
    return [bound.address, bound.port];
  }

  async server_activate(): Promise<void> {
    if (this.socket) return;
    const [host, port] = this.requested_address;
    const socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('error', () => undefined);
    socket.on('message', (data, rinfo) => {
      if (this.queue.length >= QUEUE_LIMIT) {
        this.dropped += 1;
        return;
      }
      this.queue.push({ data: data.subarray(0, this.max_packet_size), from: [rinfo.address, rinfo.port] });
      this.wake?.();
    });
    this.socket = socket;
  }

  serve_forever(): Promise<void> {
    if (this.serving) return this.serving;
    this.stopping = false;
    this.serving = (async () => {
      await this.server_activate();
      for (;;) {
        const next = await this.nextDatagram();
        if (next === null) return;
        await this.handleDatagram(next);
      }
    })().finally(() => (this.serving = null));
    return this.serving;
  }

  private nextDatagram(): Promise<Datagram | null> {
    return new Promise((resolve) => {
      const look = () => {
        this.wake = null;
        if (this.stopping) resolve(null);
        else if (this.queue.length > 0) resolve(this.queue.shift()!);
        else this.wake = look;
      };
      look();
    });
  }

  private async handleDatagram({ data, from }: Datagram): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    const reply: DatagramReplySocket = {
      sendto: (payload, [host, port]) =>
        new Promise((resolve, reject) => {
          const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
          socket.send(bytes, port, host, (error) => (error ? reject(error) : resolve(bytes.length)));
        }),
    };
    try {
      const Handler = loadHandler(this.handlerSource);
      const request: DatagramRequest = [data, reply];
      const error = await runHandler(Handler, request, from, { server_address: this.server_address, context: this.options.context ?? null });
      if (error) this.handle_error(from, error);
    } catch (error) {
      this.handle_error(from, error instanceof Error ? error : new Error(String(error)));
    }
  }

  handle_error(client_address: Address, error: Error): void {
    (this.options.handleError ?? defaultHandleError)({ client_address, error });
  }

  async shutdown(): Promise<void> {
    const serving = this.serving;
    this.stopping = true;
    this.wake?.();
    await serving;
  }

  async server_close(): Promise<void> {
    await settleWithin([this.shutdown()], this.options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS);
    const socket = this.socket;
    this.socket = null;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }
}
