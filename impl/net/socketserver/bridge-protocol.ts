/**
 * Messages between the thread that owns a connection's socket and the worker thread running its
 * handler (threading-server.ts explains why the socket stays behind). Plain structured-clonable
 * objects; bytes travel as Uint8Array copies.
 */
import type { Json } from '../../../harness/scenario/model';
import type { Address } from '../stream-connection';
import type { HandlerModule, ServerInfo } from './request-handler';

/** An error as it crosses a thread or process boundary. */
export interface ErrorDescription {
  name: string;
  message: string;
  stack?: string;
}

/** Socket → handler. */
export type ToHandler =
  | { t: 'data'; chunk: Uint8Array }
  | { t: 'end' }
  | { t: 'error'; error: ErrorDescription }
  | { t: 'written'; id: number }
  | { t: 'write-failed'; id: number; error: ErrorDescription };

/** Handler → socket. */
export type FromHandler =
  | { t: 'write'; id: number; chunk: Uint8Array }
  | { t: 'consumed'; n: number }
  | { t: 'shutdown-write' }
  | { t: 'close' }
  | { t: 'reset' }
  | { t: 'done'; error: ErrorDescription | null }
  /** A forked child holds its own copy of the connection's fd: the parent may close its copy. */
  | { t: 'received' };

/** What a worker (or child process) needs to run one request. */
export interface RequestAssignment {
  handler: HandlerModule;
  client_address: Address;
  server: ServerInfo;
}

export function describeError(error: unknown): ErrorDescription {
  if (error instanceof Error) return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { name: 'Error', message: String(error) };
}

/** Rebuilds an error on this side with its original name, message and stack. */
export function rebuildError(description: ErrorDescription): Error {
  const error = new Error(description.message);
  error.name = description.name;
  if (description.stack) error.stack = description.stack;
  return error;
}

export type { Json };
