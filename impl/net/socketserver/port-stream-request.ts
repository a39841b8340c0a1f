/**
 * `self.request` inside a worker thread: the StreamRequest calls, carried out by the thread that
 * owns the socket (socket-port-bridge.ts) and answered over the worker's port. recv reads from a
 * local ReceiveBuffer the owner fills; every taken byte is acknowledged so the owner can pause the
 * socket while the handler lags, keeping TCP flow control end to end.
 */
import type { MessagePort } from 'node:worker_threads';
import { ReceiveBuffer } from '../receive-buffer';
import { osError } from '../socket/os-errors';
import type { Address, RecvOptions } from '../stream-connection';
import { type FromHandler, type ToHandler, rebuildError } from './bridge-protocol';
import type { StreamRequest } from './request-handler';

export class PortStreamRequest implements StreamRequest {
  private readonly received: ReceiveBuffer;
  private readonly pendingWrites = new Map<number, { resolve(): void; reject(error: Error): void }>();
  private nextWriteId = 1;
  private closed = false;
  private writeShut = false;
  private timeoutSeconds: number | null = null;

  constructor(
    private readonly port: MessagePort,
    private readonly peer: Address,
  ) {
    this.received = new ReceiveBuffer((n) => this.post({ t: 'consumed', n }));
    port.on('message', (message: ToHandler) => this.onMessage(message));
  }

  private post(message: FromHandler): void {
    this.port.postMessage(message);
  }

  private onMessage(message: ToHandler): void {
    switch (message.t) {
      case 'data':
        this.received.push(Buffer.from(message.chunk.buffer, message.chunk.byteOffset, message.chunk.length));
        break;
      case 'end':
        this.received.end();
        break;
      case 'error':
        this.received.fail(rebuildError(message.error));
        break;
      case 'written':
        this.pendingWrites.get(message.id)?.resolve();
        this.pendingWrites.delete(message.id);
        break;
      case 'write-failed':
        this.pendingWrites.get(message.id)?.reject(rebuildError(message.error));
        this.pendingWrites.delete(message.id);
        break;
    }
  }

  recv(bufsize: number, options: RecvOptions = {}): Promise<Buffer> {
    return this.received.recv(bufsize, options.timeout === undefined ? this.timeoutSeconds : options.timeout);
  }

  recvExactly(n: number, options: RecvOptions = {}): Promise<Buffer> {
    return this.received.recvExactly(n, options.timeout === undefined ? this.timeoutSeconds : options.timeout);
  }

  async send(data: Uint8Array | string): Promise<number> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    await this.sendall(bytes);
    return bytes.length;
  }

  sendall(data: Uint8Array | string): Promise<void> {
    const failure = this.received.takeFailure();
    if (failure) return Promise.reject(failure);
    if (this.closed || this.writeShut || this.received.failed) return Promise.reject(osError('EPIPE'));
    const chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const id = this.nextWriteId++;
    return new Promise((resolve, reject) => {
      this.pendingWrites.set(id, { resolve, reject });
      this.post({ t: 'write', id, chunk });
    });
  }

  shutdownWrite(): void {
    if (this.closed || this.writeShut) return;
    this.writeShut = true;
    this.post({ t: 'shutdown-write' });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.received.close();
    this.post({ t: 'close' });
  }

  reset(): void {
    if (this.closed) return;
    this.closed = true;
    this.received.close();
    this.post({ t: 'reset' });
  }

  settimeout(seconds: number | null): void {
    this.timeoutSeconds = seconds;
  }

  getpeername(): Address {
    return this.peer;
  }
}
