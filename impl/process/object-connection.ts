import * as net from 'node:net';
import { ConnectionRefusedError, EOFError } from './errors';
import { reviveError } from './error-names';
import { slot } from './runtime';
import type { CallReply, CallRequest } from './object-server';
import { encodeFrame, FrameReader } from './wire';

/**
 * A connection from this process to another process's object server, shared by every object
 * that lives there. It keeps this process alive only while a call is outstanding, as a thread
 * blocked in a call would. If the other process goes away, outstanding and later calls fail
 * (EOFError, ConnectionRefusedError) instead of waiting forever.
 */
export class ObjectConnection {
  private readonly socket: net.Socket;
  private readonly reader = new FrameReader();
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
  private nextId = 1;
  private failure: Error | undefined;
  /** Settles when the connection is up (or failed), so a process can connect before it needs to. */
  readonly connected: Promise<void>;

  static to(address: string): ObjectConnection {
    const connections = slot('object-connections', () => new Map<string, ObjectConnection>());
    let connection = connections.get(address);
    if (connection === undefined) {
      connection = new ObjectConnection(address, () => connections.delete(address));
      connections.set(address, connection);
    }
    return connection;
  }

  private constructor(address: string, forget: () => void) {
    this.socket = net.createConnection(address);
    this.socket.unref();
    this.connected = new Promise<void>((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('close', () => reject(this.failure ?? new EOFError('the connection closed')));
    });
    this.connected.catch(() => undefined);
    this.socket.on('data', (chunk: Buffer) => {
      for (const message of this.reader.push(chunk)) this.settle(message as CallReply);
    });
    this.socket.on('error', (error: NodeJS.ErrnoException) => {
      const refused = error.code === 'ENOENT' || error.code === 'ECONNREFUSED';
      this.failure = refused
        ? new ConnectionRefusedError(`the process that owned the shared object is gone (${address})`)
        : new EOFError(`lost the connection to the process that owns the shared object: ${error.message}`);
    });
    this.socket.on('close', () => {
      forget();
      const error = this.failure ?? new EOFError('the process that owns the shared object has exited');
      for (const waiter of this.pending.values()) waiter.reject(error);
      this.pending.clear();
    });
  }

  request(object: number, method: string, args: unknown[], caller: string): Promise<unknown> {
    const id = this.nextId++;
    const frame = encodeFrame({ id, object, method, args, caller } satisfies CallRequest);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      if (this.pending.size === 1) this.socket.ref();
      this.socket.write(frame);
    });
  }

  private settle(reply: CallReply): void {
    const waiter = this.pending.get(reply.id);
    if (waiter === undefined) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.socket.unref();
    if ('error' in reply) waiter.reject(reviveError(reply.error));
    else waiter.resolve(reply.value);
  }
}
