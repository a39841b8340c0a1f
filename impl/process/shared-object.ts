import { ObjectConnection } from './object-connection';
import { ObjectServer, type SharedState } from './object-server';
import { whileWaiting } from './keep-alive';
import { callerId, slot } from './runtime';

/**
 * The client side of every process-level shared object. An object is a handle (plain data: its
 * kind, the address of the object server that holds its state, and its id there) plus methods
 * that send calls to that server, directly when the state lives in this very process. Handles
 * cross process boundaries (transfer.ts), so a Lock given to a child reaches the same state.
 */

export interface SharedHandle {
  readonly kind: string;
  readonly address: string;
  readonly id: number;
  /** Kind-specific construction facts (a queue's maxsize), for the receiving side. */
  readonly options?: { readonly [key: string]: number | boolean | string | null };
}

/** Marks shared objects from any copy of this module (a process may load more than one). */
export const SHARED_BRAND = Symbol.for('conform.impl.process.shared');

export abstract class SharedObject {
  readonly handle: SharedHandle;

  constructor(handle: SharedHandle) {
    this.handle = handle;
    Object.defineProperty(this, SHARED_BRAND, { value: true, enumerable: false });
  }

  /** Calls a method of the state, wherever it lives. */
  protected call(method: string, ...args: unknown[]): Promise<unknown> {
    return callShared(this.handle, method, args);
  }
}

export function isSharedObject(value: unknown): value is SharedObject {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[SHARED_BRAND] === true;
}

/** Puts a new state into this process's object server and returns its handle. */
export function hostState(kind: string, state: SharedState, options?: SharedHandle['options']): SharedHandle {
  const server = ObjectServer.local();
  const id = server.register(state);
  return options === undefined ? { kind, address: server.address, id } : { kind, address: server.address, id, options };
}

export function callShared(handle: SharedHandle, method: string, args: unknown[]): Promise<unknown> {
  if (handle.address === ObjectServer.localAddress()) return whileWaiting(ObjectServer.local().callLocal(handle.id, method, args, callerId()));
  return ObjectConnection.to(handle.address).request(handle.id, method, args, callerId());
}

/** Drops a state this process holds (later calls on it fail); a handle from elsewhere is left alone. */
export function forgetShared(handle: SharedHandle): void {
  if (handle.address === ObjectServer.localAddress()) ObjectServer.local().forget(handle.id);
}

/** Connects to the servers of these objects now, so that their first calls pay no connection set-up. */
export async function connectShared(handles: readonly SharedHandle[]): Promise<void> {
  const local = ObjectServer.localAddress();
  const addresses = new Set(handles.map((h) => h.address).filter((a) => a !== local));
  await Promise.all([...addresses].map((a) => ObjectConnection.to(a).connected));
}

type Reviver = (handle: SharedHandle) => SharedObject;

/** Shared by every copy of this module in the process, like the rest of the runtime. */
function revivers(): Map<string, Reviver> {
  return slot('shared-revivers', () => new Map<string, Reviver>());
}

/** Each shared class registers how to rebuild itself from a handle received from elsewhere. */
export function registerSharedKind(kind: string, revive: Reviver): void {
  if (!revivers().has(kind)) revivers().set(kind, revive);
}

export function attachShared(handle: SharedHandle): SharedObject {
  const revive = revivers().get(handle.kind);
  if (revive === undefined) throw new TypeError(`unknown kind of shared object "${handle.kind}" (was its module loaded?)`);
  return revive(handle);
}
