/**
 * What a load-test server process (serve-main.ts) is asked to serve: a socketserver concurrency
 * model and the kind of work its HTTP handler does. Kept apart from serve-main, which runs as
 * soon as it is loaded.
 */
import type { LoadWork } from './load-handlers';

/** socketserver's concurrency models, by the names load tests and server checks use. */
export const SOCKETSERVER_MODELS = ['serial', 'threading', 'forking', 'event-loop'] as const;
export type SocketserverModel = (typeof SOCKETSERVER_MODELS)[number];

/** The kinds of work a load handler does (load-handlers.ts). */
export const LOAD_WORK_KINDS = ['sleep', 'cpu', 'hello'] as const;
export type LoadWorkKind = (typeof LOAD_WORK_KINDS)[number];

export interface ServeRequest {
  model: SocketserverModel;
  work: LoadWorkKind;
  context?: LoadWork;
}
