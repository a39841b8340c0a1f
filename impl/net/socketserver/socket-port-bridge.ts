/**
 * The owner's side of a thread-per-connection request: forwards the socket's bytes, end and
 * errors to the worker running the handler, and performs the worker's writes, shutdown, close
 * and reset on the socket. Data posted but not yet read by the handler is counted; above
 * HANDLER_HIGH_WATER the socket is paused until the handler catches up.
 */
import type * as net from 'node:net';
import type { Worker } from 'node:worker_threads';
import { fromNodeError } from '../socket/os-errors';
import { type ErrorDescription, type FromHandler, type ToHandler, describeError } from './bridge-protocol';

const HANDLER_HIGH_WATER = 256 * 1024;

export interface BridgeOutcome {
  /** What handle() raised, or why the worker died; null when it returned normally. */
  error: ErrorDescription | null;
}

/** Links `socket` and `worker` until both are finished; `done` settles then (never rejects). */
export function bridgeSocketToWorker(socket: net.Socket, worker: Worker): { done: Promise<BridgeOutcome>; abort(): void } {
  let unread = 0;
  let outcome: ErrorDescription | null = null;
  let reportedEnd = false;
  const post = (message: ToHandler) => worker.postMessage(message);

  socket.on('data', (chunk: Buffer) => {
    unread += chunk.length;
    if (unread > HANDLER_HIGH_WATER) socket.pause();
    post({ t: 'data', chunk });
  });
  const reportEnd = () => {
    if (reportedEnd) return;
    reportedEnd = true;
    post({ t: 'end' });
  };
  socket.on('end', reportEnd);
  socket.on('error', (error) => post({ t: 'error', error: describeError(fromNodeError(error)) }));
  socket.on('close', reportEnd);
  if (socket.errored) post({ t: 'error', error: describeError(fromNodeError(socket.errored)) });
  if (socket.destroyed) reportEnd();

  const closeSocket = (how: 'fin' | 'reset' | 'now') => {
    if (socket.destroyed) return;
    if (how === 'fin') socket.destroySoon();
    else if (how === 'reset' && !socket.writableEnded) socket.resetAndDestroy();
    else socket.destroy();
  };

  worker.on('message', (message: FromHandler) => {
    switch (message.t) {
      case 'write':
        if (socket.destroyed || socket.writableEnded) {
          post({ t: 'write-failed', id: message.id, error: describeError(fromNodeError({ code: 'EPIPE' })) });
          break;
        }
        socket.write(message.chunk, (error) =>
          post(error ? { t: 'write-failed', id: message.id, error: describeError(fromNodeError(error)) } : { t: 'written', id: message.id }),
        );
        break;
      case 'consumed':
        unread -= message.n;
        if (unread <= HANDLER_HIGH_WATER / 2 && socket.isPaused() && !socket.destroyed) socket.resume();
        break;
      case 'shutdown-write':
        if (!socket.destroyed) socket.end();
        break;
      case 'close':
        closeSocket('fin');
        break;
      case 'reset':
        closeSocket('reset');
        break;
      case 'done':
        outcome = message.error;
        void worker.terminate();
        break;
    }
  });
  worker.on('error', (error) => {
    outcome ??= describeError(error);
  });

  const workerExited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const socketClosed = socket.closed ? Promise.resolve() : new Promise<void>((resolve) => socket.once('close', () => resolve()));
  // A worker that died without saying `done` leaves the socket to us.
  void workerExited.then(() => closeSocket('fin'));
  socket.resume();

  return {
    done: Promise.all([workerExited, socketClosed]).then(() => ({ error: outcome })),
    abort: () => {
      closeSocket('reset');
      void worker.terminate();
    },
  };
}
