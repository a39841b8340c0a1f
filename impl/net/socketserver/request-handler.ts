/**
 * socketserver's request handlers: a subclass of BaseRequestHandler overrides `handle()` (the
 * method "must be named handle", 003 §12), and finds the connection in `this.request` and the
 * peer in `this.client_address`. The server calls setup(), handle(), finish() for every request,
 * finish() even when handle() raised, as CPython's BaseRequestHandler.__init__ does.
 *
 * Calls that block in Python return promises here, so handle() is async. The same handler class
 * runs in every concurrency model; for threads and processes it is loaded by module path in the
 * worker or child (`HandlerModule`), since a class cannot cross a thread or process boundary.
 */
import type { Json } from '../../../harness/scenario/model';
import type { Address, RecvOptions } from '../stream-connection';

/** What `self.request` offers in a TCP handler: the connected socket's calls. */
export interface StreamRequest {
  recv(bufsize: number, options?: RecvOptions): Promise<Buffer>;
  recvExactly(n: number, options?: RecvOptions): Promise<Buffer>;
  send(data: Uint8Array | string): Promise<number>;
  sendall(data: Uint8Array | string): Promise<void>;
  shutdownWrite(): void;
  close(): void;
  /** Drops the connection with a reset (RST). */
  reset(): void;
  settimeout(seconds: number | null): void;
  getpeername(): Address;
}

/** The server socket as a UDP handler sees it: `self.request[1].sendto(data, self.client_address)`. */
export interface DatagramReplySocket {
  sendto(data: Uint8Array | string, address: Address): Promise<number>;
}

/** `self.request` in a UDP handler: `(data, socket)`. */
export type DatagramRequest = [data: Buffer, socket: DatagramReplySocket];

/**
 * `self.server` as a handler sees it. Only plain data: in the thread and process models the
 * handler runs where the server object is not.
 */
export interface ServerInfo {
  server_address: Address;
  /** Whatever the server was given as `context` (e.g. a shared key), cloned for each handler. */
  context: Json;
}

export class BaseRequestHandler<R = StreamRequest> {
  constructor(
    readonly request: R,
    readonly client_address: Address,
    readonly server: ServerInfo,
  ) {}

  setup(): void | Promise<void> {}

  /** Serves the request; the default, like CPython's, does nothing. */
  handle(): void | Promise<void> {}

  finish(): void | Promise<void> {}
}

export type RequestHandlerClass<R = StreamRequest> = new (request: R, client_address: Address, server: ServerInfo) => BaseRequestHandler<R>;

/** Where a handler class lives, so a worker or child process can load it. */
export interface HandlerModule {
  /** Absolute path of the module (a .ts file is fine: workers and children register tsx). */
  module: string;
  /** The export naming the BaseRequestHandler subclass. */
  name: string;
}

export type HandlerSource<R = StreamRequest> = RequestHandlerClass<R> | HandlerModule;

export function loadHandler<R>(source: HandlerSource<R>): RequestHandlerClass<R> {
  if (typeof source === 'function') return source;
  const loaded = require(source.module) as Record<string, unknown>;
  const handler = loaded[source.name];
  if (typeof handler !== 'function' || !(handler.prototype instanceof BaseRequestHandler)) {
    throw new TypeError(`${source.module} has no BaseRequestHandler subclass exported as ${source.name}`);
  }
  return handler as RequestHandlerClass<R>;
}

/**
 * Runs one request through a handler: setup, handle, then finish whatever happened. Resolves
 * with the error raised (null if none), never rejects; an error from finish() replaces one from
 * handle(), as in CPython, where finish() runs in a `finally` clause.
 */
export async function runHandler<R>(Handler: RequestHandlerClass<R>, request: R, clientAddress: Address, server: ServerInfo): Promise<Error | null> {
  let failure: Error | null = null;
  try {
    const handler = new Handler(request, clientAddress, server);
    try {
      await handler.setup();
      await handler.handle();
    } finally {
      await handler.finish();
    }
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
  }
  return failure;
}
