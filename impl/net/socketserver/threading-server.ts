/**
 * socketserver.ThreadingTCPServer: each connection's handler runs in its own thread, here a
 * worker_thread, so clients are served at the same time (001 §九, 003 §37).
 *
 * Node cannot hand a socket to a worker thread: a socket belongs to the event loop of the thread
 * that accepted it, and worker_threads cannot transfer net.Socket handles (only child processes
 * can receive them). So the accepting thread keeps the socket and relays it: bytes in, writes
 * out, as messages (socket-port-bridge.ts ⇄ port-stream-request.ts). The handler's code — what
 * the claims are about — really runs on another thread with its own event loop, concurrently
 * with the others; the relay adds a copy of each chunk and one message hop per write. A handler
 * that computes without awaiting blocks only its own thread, which is what distinguishes this
 * model from EventLoopTCPServer.
 *
 * `joinEachThread` reproduces 002's `t.start(); t.join()`: the accept loop waits for each
 * thread before accepting again, which makes the server serial (socketserver.join-serializes).
 */
import * as path from 'node:path';
import type * as net from 'node:net';
import { startTsWorker } from '../../shared/worker-bootstrap';
import type { Address } from '../stream-connection';
import { type RequestAssignment, rebuildError } from './bridge-protocol';
import type { HandlerModule } from './request-handler';
import { bridgeSocketToWorker } from './socket-port-bridge';
import { type ServerOptions, TCPServer } from './tcp-server';

const WORKER_MODULE = path.join(__dirname, 'thread-request-worker.ts');

export interface ThreadingServerOptions extends ServerOptions {
  /** Join each connection's thread before the next accept (002's mistake); default false. */
  joinEachThread?: boolean;
}

export class ThreadingTCPServer extends TCPServer {
  private readonly handlerModule: HandlerModule;
  private readonly joinEachThread: boolean;

  constructor(server_address: Address, handler: HandlerModule, options: ThreadingServerOptions = {}) {
    super(server_address, handler, options);
    this.handlerModule = handler;
    this.joinEachThread = options.joinEachThread ?? false;
  }

  protected override async process_request(socket: net.Socket, client_address: Address): Promise<void> {
    const assignment: RequestAssignment = { handler: this.handlerModule, client_address, server: this.serverInfo };
    const worker = startTsWorker(WORKER_MODULE, assignment);
    const bridge = bridgeSocketToWorker(socket, worker);
    const done = bridge.done.then((outcome) => {
      if (outcome.error) this.handle_error(client_address, rebuildError(outcome.error));
    });
    const request = this.track({ client_address, done, abort: bridge.abort });
    if (this.joinEachThread) await request.done;
  }
}
