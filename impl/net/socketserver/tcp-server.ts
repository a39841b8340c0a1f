/**
 * socketserver.TCPServer: one listening socket, an accept loop (`serve_forever`) and, per
 * connection, `process_request`. Here process_request runs the handler to the end before the
 * next accept, so this server is serial: a second client's connect succeeds (the backlog) but
 * its request waits until the first client disconnects (003 §37). The concurrent servers are
 * subclasses that override process_request, as CPython's mix-ins do.
 *
 * Lifecycle: `server_activate()` binds and listens (CPython does it in the constructor, which
 * cannot wait here); `serve_forever()` accepts until `shutdown()`; `server_close()` stops
 * listening, resets connections never taken, waits up to `closeTimeoutMs` for running requests
 * and then aborts them (reset, terminate, kill), so nothing outlives it.
 */
import * as net from 'node:net';
import type { Json } from '../../../harness/scenario/model';
import { type Address, StreamConnection } from '../stream-connection';
import { AcceptQueue } from './accept-queue';
import { type HandlerSource, type RequestHandlerClass, type ServerInfo, loadHandler, runHandler } from './request-handler';

/** What `handle_error` is told. */
export interface HandlerErrorReport {
  client_address: Address;
  error: Error;
}

export interface ServerOptions {
  /** Handed to every handler as `this.server.context`; must be structured-clonable. */
  context?: Json;
  /** socketserver's handle_error; the default prints CPython's message to stderr. */
  handleError?: (report: HandlerErrorReport) => void;
  /** How long server_close waits for running requests before aborting them (default 5000). */
  closeTimeoutMs?: number;
  /** listen() backlog (default 5, socketserver's request_queue_size). */
  requestQueueSize?: number;
}

/** One request being served, however the concurrency model runs it. */
export interface ActiveRequest {
  client_address: Address;
  /** Settles when the request is over and its resources are released. */
  done: Promise<void>;
  /** Ends the request now: resets its connection, stops its thread or process. */
  abort(): void;
}

export const DEFAULT_CLOSE_TIMEOUT_MS = 5000;

export function defaultHandleError(report: HandlerErrorReport): void {
  const [host, port] = report.client_address;
  process.stderr.write(
    `${'-'.repeat(40)}\nException occurred during processing of request from ('${host}', ${port})\n${report.error.stack ?? report.error}\n${'-'.repeat(40)}\n`,
  );
}

export function peerAddress(socket: net.Socket): Address {
  return [socket.remoteAddress ?? '', socket.remotePort ?? 0];
}

export class TCPServer {
  readonly requested_address: Address;
  protected readonly handlerSource: HandlerSource;
  protected readonly options: ServerOptions;
  private readonly queue = new AcceptQueue();
  private readonly active = new Set<ActiveRequest>();
  private listener: net.Server | null = null;
  private serving: Promise<void> | null = null;
  private closed = false;

  constructor(server_address: Address, handler: HandlerSource, options: ServerOptions = {}) {
    this.requested_address = server_address;
    this.handlerSource = handler;
    this.options = options;
  }

  /** The bound address (the real port after binding port 0). */
  get server_address(): Address {
    const bound = this.listener?.address();
    return bound && typeof bound === 'object' ? [bound.address, bound.port] : this.requested_address;
  }

  /** Requests being served right now. */
  get activeRequests(): number {
    return this.active.size;
  }

  protected get serverInfo(): ServerInfo {
    return { server_address: this.server_address, context: this.options.context ?? null };
  }

  /** Binds and listens. Rejects with the bind error (EADDRINUSE, ...). */
  async server_activate(): Promise<void> {
    if (this.listener) return;
    if (this.closed) throw new Error('server_activate after server_close');
    const listener = net.createServer({ pauseOnConnect: true, allowHalfOpen: true }, (socket) => this.queue.push(socket));
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      const [host, port] = this.requested_address;
      listener.listen({ host, port, backlog: this.options.requestQueueSize ?? 5 }, () => {
        listener.off('error', reject);
        resolve();
      });
    });
    listener.on('error', () => undefined);
    this.listener = listener;
  }

  /** Accepts and processes connections until `shutdown()`; binds first if needed. */
  serve_forever(): Promise<void> {
    if (this.serving) return this.serving;
    this.queue.resume();
    this.serving = (async () => {
      await this.server_activate();
      for (let socket = await this.queue.next(); socket !== null; socket = await this.queue.next()) {
        // server_close may have run while this socket was on its way out of the queue.
        if (this.closed) {
          socket.resetAndDestroy();
          continue;
        }
        const client_address = peerAddress(socket);
        try {
          await this.process_request(socket, client_address);
        } catch (error) {
          // A failure to even start the request (a handler module that does not load, a worker
          // that cannot start) is that request's error, not the server's.
          socket.destroy();
          this.handle_error(client_address, error instanceof Error ? error : new Error(String(error)));
        }
      }
    })().finally(() => (this.serving = null));
    return this.serving;
  }

  /** Stops the accept loop and resolves once serve_forever has returned; requests go on. */
  async shutdown(): Promise<void> {
    const serving = this.serving;
    this.queue.stop();
    await serving;
  }

  /**
   * Serves one connection. This class is serial: it waits for the handler. Subclasses start
   * the request and return at once (or, like a thread started then joined, wait again).
   */
  protected async process_request(socket: net.Socket, client_address: Address): Promise<void> {
    await this.track(this.runInProcess(socket, client_address)).done;
  }

  /** Runs the handler on this event loop over the accepted socket. */
  protected runInProcess(socket: net.Socket, client_address: Address): ActiveRequest {
    const conn = new StreamConnection(socket);
    const work = (async () => {
      try {
        const Handler: RequestHandlerClass = loadHandler(this.handlerSource);
        const error = await runHandler(Handler, conn, client_address, this.serverInfo);
        if (error) this.handle_error(client_address, error);
      } finally {
        this.shutdown_request(conn);
      }
      await conn.closed;
    })();
    // A handler awaiting something that never comes cannot be stopped (a promise cannot be
    // killed), but once its connection is reset it holds nothing: the request counts as over.
    let aborted!: () => void;
    const abortion = new Promise<void>((resolve) => (aborted = resolve));
    const done = Promise.race([work, abortion.then(() => conn.closed)]);
    return {
      client_address,
      done,
      abort: () => {
        conn.reset();
        aborted();
      },
    };
  }

  /** Registers a request so server_close can wait for it or abort it. */
  protected track(request: ActiveRequest): ActiveRequest {
    this.active.add(request);
    const forget = () => this.active.delete(request);
    request.done.then(forget, forget);
    // A request started after server_close began (the accept loop was between taking a socket
    // and starting its handler) would otherwise outlive the server, and its child with it.
    if (this.closed) request.abort();
    return request;
  }

  /** socketserver's shutdown_request: the connection is closed whatever the handler did. */
  protected shutdown_request(conn: StreamConnection): void {
    conn.close();
  }

  handle_error(client_address: Address, error: Error): void {
    (this.options.handleError ?? defaultHandleError)({ client_address, error });
  }

  /**
   * Stops listening and releases everything: queued connections are reset, running requests
   * get `closeTimeoutMs` to finish and are then aborted.
   */
  async server_close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.queue.stop();
    const listener = this.listener;
    this.listener = null;
    const listenerClosed = listener ? new Promise<void>((resolve) => listener.close(() => resolve())) : Promise.resolve();
    for (const socket of this.queue.drain()) socket.resetAndDestroy();
    const grace = this.options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
    await settleWithin([...this.active].map((r) => r.done), grace);
    const stragglers = [...this.active];
    for (const request of stragglers) request.abort();
    await settleWithin(stragglers.map((r) => r.done), grace);
    // A serial server's loop was inside the request just aborted; it now sees the stopped queue.
    await settleWithin(this.serving ? [this.serving] : [], grace);
    await settleWithin([listenerClosed], grace);
  }
}

/** Waits for every promise to settle, or for `ms`, whichever comes first. */
export async function settleWithin(promises: Promise<unknown>[], ms: number): Promise<boolean> {
  if (promises.length === 0) return true;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([Promise.allSettled(promises).then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
