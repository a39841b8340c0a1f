import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { runtime, slot } from './runtime';
import type { CallContext } from './states/wait-list';
import { encodeFrame, FrameReader } from './wire';

/**
 * The server that owns this process's shared objects. Node processes cannot share memory, so a
 * process-level Lock or Queue lives here, in the process that created it, and other processes
 * reach it through a Unix socket (object-connection.ts): each call is one request, answered
 * when the call completes, so a caller that must wait (a held lock, an empty queue) really
 * waits. The server never keeps its process alive by itself, and when a caller's connection
 * closes (its process died) every wait of that caller is abandoned.
 */

export interface SharedState {
  call(method: string, args: unknown[], ctx: CallContext): unknown;
}

export interface CallRequest {
  id: number;
  object: number;
  method: string;
  args: unknown[];
  caller: string;
}

export interface WireError {
  name: string;
  message: string;
}

export type CallReply = { id: number; value: unknown } | { id: number; error: WireError };

const NEVER_ABORTED = new AbortController().signal;

export class ObjectServer {
  readonly address: string;
  private readonly directory: string;
  private readonly states = new Map<number, SharedState>();
  private nextId = 1;
  private readonly server: net.Server;

  /** This process's server, started on first use. */
  static local(): ObjectServer {
    return slot('object-server', () => new ObjectServer());
  }

  /** The address of this process's server if it has one, without starting it. */
  static localAddress(): string | undefined {
    return (runtime().slots.get('object-server') as ObjectServer | undefined)?.address;
  }

  private constructor() {
    // Short path: Unix socket paths are limited to ~107 bytes.
    this.directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cf-'));
    this.address = path.join(this.directory, 's');
    this.server = net.createServer((socket) => this.serve(socket));
    this.server.on('error', () => undefined);
    this.server.listen(this.address);
    this.server.unref();
    process.once('exit', () => fs.rmSync(this.directory, { recursive: true, force: true }));
  }

  register(state: SharedState): number {
    const id = this.nextId++;
    this.states.set(id, state);
    return id;
  }

  /** Drops an object; later calls on it fail. */
  forget(id: number): void {
    this.states.delete(id);
  }

  /** A call from this process itself, without a socket. */
  callLocal(id: number, method: string, args: unknown[], caller: string): Promise<unknown> {
    return this.call(id, method, args, { caller, signal: NEVER_ABORTED });
  }

  private async call(id: number, method: string, args: unknown[], ctx: CallContext): Promise<unknown> {
    const state = this.states.get(id);
    if (state === undefined) throw new ReferenceError(`shared object ${id} no longer exists in process ${process.pid}`);
    return state.call(method, args, ctx);
  }

  private serve(socket: net.Socket): void {
    // Connections never keep this process alive: its children's lifetimes are tracked elsewhere.
    socket.unref();
    const gone = new AbortController();
    const reader = new FrameReader();
    socket.on('error', () => undefined);
    socket.on('close', () => gone.abort(new Error('the caller disconnected')));
    socket.on('data', (chunk: Buffer) => {
      for (const message of reader.push(chunk)) {
        const request = message as CallRequest;
        this.call(request.object, request.method, request.args, { caller: request.caller, signal: gone.signal }).then(
          (value) => reply(socket, { id: request.id, value }),
          (error: unknown) => reply(socket, { id: request.id, error: toWireError(error) }),
        );
      }
    });
  }
}

function reply(socket: net.Socket, message: CallReply): void {
  if (socket.destroyed) return;
  try {
    socket.write(encodeFrame(message));
  } catch (e) {
    // A value that cannot be serialized is the caller's error, not the server's.
    socket.write(encodeFrame({ id: message.id, error: toWireError(e) }));
  }
}

export function toWireError(error: unknown): WireError {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}
