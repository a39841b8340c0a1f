import * as v8 from 'node:v8';
import { attach, type PrimitiveHandle } from '../shared/attach';
import { PicklingError } from './errors';
import { attachShared, isSharedObject, type SharedHandle } from './shared-object';

/**
 * What crosses a process boundary: a copy of the value (V8's structured clone, the role pickle
 * plays for CPython), with process-level shared objects sent as handles so the receiver reaches
 * the same Lock or Queue. What lives in one process's memory cannot be sent: a function, or a
 * thread-level primitive over a SharedArrayBuffer (CPython: "cannot pickle '_thread.lock'").
 */

const MARK = '__conform_shared__';
/** A thread-level primitive (impl/sync, impl/queue) sent to another thread of the same process. */
const THREAD_MARK = '__conform_thread_shared__';

/** Thread-level primitives may go to another thread of this process, never to another process. */
type Destination = 'process' | 'thread';

export function encodeValue(value: unknown): Buffer {
  const replaced = replaceShared(value, new Map(), 'process');
  try {
    return v8.serialize(replaced);
  } catch (e) {
    throw new PicklingError(`cannot send ${describe(value)} to another process: ${(e as Error).message}`);
  }
}

export function decodeValue(buffer: Uint8Array): unknown {
  return reviveShared(v8.deserialize(buffer), new Map());
}

/**
 * For a worker thread of this process (postMessage does the copying): process-level objects
 * go as handles, and thread-level primitives go as handles too, since their shared memory is
 * shared between the threads of one process.
 */
export function encodeForThread(value: unknown): unknown {
  return replaceShared(value, new Map(), 'thread');
}

export function decodeFromThread(value: unknown): unknown {
  return reviveShared(value, new Map());
}

function describe(value: unknown): string {
  if (typeof value === 'function') return `function ${value.name || '<anonymous>'}`;
  if (typeof value === 'object' && value !== null) return `a ${value.constructor?.name ?? 'Object'}`;
  return typeof value;
}

/** A thread-level primitive of impl/ (or anything like it): its handle holds shared memory. */
function livesInThisProcess(value: object): boolean {
  if (value instanceof SharedArrayBuffer) return true;
  const handle = (value as { handle?: unknown }).handle;
  if (typeof handle !== 'object' || handle === null) return false;
  return Object.values(handle).some((v) => v instanceof SharedArrayBuffer);
}

function isBuiltinLeaf(value: object): boolean {
  return (
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    value instanceof Date ||
    value instanceof RegExp ||
    value instanceof Error ||
    value instanceof Boolean ||
    value instanceof Number ||
    value instanceof String
  );
}

function replaceShared(value: unknown, seen: Map<object, unknown>, to: Destination): unknown {
  if (typeof value === 'function') {
    throw new PicklingError(`cannot send ${describe(value)} to another process: only data crosses, not code`);
  }
  if (typeof value !== 'object' || value === null) return value;
  if (isSharedObject(value)) return { [MARK]: value.handle };
  if (livesInThisProcess(value) && to === 'thread') return value instanceof SharedArrayBuffer ? value : { [THREAD_MARK]: (value as { handle: unknown }).handle };
  if (livesInThisProcess(value)) {
    throw new PicklingError(`cannot send ${describe(value)} to another process: it lives in this process's memory (use the process-level one from impl/process)`);
  }
  if (isBuiltinLeaf(value)) return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    value.forEach((item, i) => (copy[i] = replaceShared(item, seen, to)));
    return copy;
  }
  if (value instanceof Map) {
    const copy = new Map();
    seen.set(value, copy);
    value.forEach((v, k) => copy.set(replaceShared(k, seen, to), replaceShared(v, seen, to)));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set();
    seen.set(value, copy);
    value.forEach((v) => copy.add(replaceShared(v, seen, to)));
    return copy;
  }
  // Any other object travels as its own enumerable fields, as structured clone does.
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const [key, v] of Object.entries(value)) copy[key] = replaceShared(v, seen, to);
  return copy;
}

function reviveShared(value: unknown, seen: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null || isBuiltinLeaf(value)) return value;
  if (seen.has(value)) return seen.get(value);
  if (Array.isArray(value)) {
    seen.set(value, value);
    value.forEach((item, i) => (value[i] = reviveShared(item, seen)));
    return value;
  }
  if (value instanceof Map) {
    const revived = new Map();
    seen.set(value, revived);
    value.forEach((v, k) => revived.set(reviveShared(k, seen), reviveShared(v, seen)));
    return revived;
  }
  if (value instanceof Set) {
    const revived = new Set();
    seen.set(value, revived);
    value.forEach((v) => revived.add(reviveShared(v, seen)));
    return revived;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === MARK) return attachShared(record[MARK] as SharedHandle);
  if (keys.length === 1 && keys[0] === THREAD_MARK) return attach(record[THREAD_MARK] as PrimitiveHandle);
  seen.set(value, value);
  for (const key of keys) record[key] = reviveShared(record[key], seen);
  return value;
}
