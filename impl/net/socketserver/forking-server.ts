/**
 * socketserver.ForkingTCPServer: each connection is handled in its own child process, with its
 * own pid, so clients are served at the same time (001 §九, 004's hand-made Process server).
 *
 * Node has no fork(2): the child is a fresh `node` process (child_process.fork starts a new
 * program, it does not copy this one), which loads the handler module by path and receives the
 * accepted connection's socket handle over the IPC channel (`child.send(message, socket)`, file
 * descriptor passing). So, unlike a forked child, it inherits none of the parent's memory; what
 * a handler needs travels in `context`. Starting a process per connection costs far more than a
 * thread, which socketserver.forking-costs-more is about.
 */
import { type ChildProcess, fork } from 'node:child_process';
import type * as net from 'node:net';
import * as path from 'node:path';
import type { Address } from '../stream-connection';
import { type FromHandler, type RequestAssignment, describeError, rebuildError, type ErrorDescription } from './bridge-protocol';
import type { HandlerModule } from './request-handler';
import { type ServerOptions, TCPServer } from './tcp-server';

const CHILD_ENTRY = path.join(__dirname, 'process-child-entry.js');

export class ForkingTCPServer extends TCPServer {
  private readonly handlerModule: HandlerModule;
  /** Pids of the children that served requests, in order (for claims about "another process"). */
  readonly childPids: number[] = [];

  constructor(server_address: Address, handler: HandlerModule, options: ServerOptions = {}) {
    super(server_address, handler, options);
    this.handlerModule = handler;
  }

  protected override async process_request(socket: net.Socket, client_address: Address): Promise<void> {
    const assignment: RequestAssignment = { handler: this.handlerModule, client_address, server: this.serverInfo };
    const child = fork(CHILD_ENTRY, [], { execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    if (child.pid !== undefined) this.childPids.push(child.pid);
    // The parent keeps its copy of the fd (keepOpen) until the child says it holds its own:
    // Node would otherwise close it only on the child's acknowledgement, and a child killed
    // before it got that far (a slow start, then server_close) left the connection open.
    child.on('message', (message: FromHandler) => {
      if (message.t === 'received') socket.destroy();
    });
    const done = watchChild(child).then((error) => {
      socket.destroy();
      if (error) this.handle_error(client_address, rebuildError(error));
    });
    const abort = () => {
      socket.resetAndDestroy();
      child.kill('SIGKILL');
    };
    this.track({ client_address, done, abort });
    child.send(assignment, socket, { keepOpen: true }, (error) => {
      // The handle could not be passed (the child died at start): the connection is ours to close.
      if (error) abort();
    });
  }
}

/** Settles when the child has exited: with handle()'s error, or why the child failed. */
function watchChild(child: ChildProcess): Promise<ErrorDescription | null> {
  return new Promise((resolve) => {
    let reported: ErrorDescription | null | undefined;
    child.on('message', (message: FromHandler) => {
      if (message.t === 'done') reported = message.error;
    });
    child.on('error', (error) => {
      reported ??= describeError(error);
    });
    child.once('close', (code, signal) => {
      if (reported === undefined) {
        reported = { name: 'ChildProcessError', message: `the request's child process exited (${signal ?? `code ${code}`}) before reporting` };
      }
      resolve(reported);
    });
  });
}
