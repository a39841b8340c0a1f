import type { ObjectType, OpName } from './model';
import { SOCKET_OBJECT_FIELDS, SOCKET_OP_SIGNATURES, type SocketChoiceKind } from './socket-signatures';

/**
 * What each operation of the scenario model accepts, as data: the validator, the JSON Schema
 * test and the executors read this one table, so an op added to the model without a signature
 * fails to type-check instead of being silently unvalidated.
 */

/** The kind of value a field holds; the validator knows how to check each kind. */
export type FieldKind =
  /** a declared object, of one of the signature's `targets` types */
  | 'target'
  /** a declared actor */
  | 'actor'
  | 'boolean'
  /** time units, or null for "forever"; negatives are legal (passed through to the implementation) */
  | 'timeout'
  /** an integer >= 1 */
  | 'positive-count'
  /** an integer >= 0 */
  | 'count'
  /** any JSON value */
  | 'json'
  /** a ValueExpr: a number, a string, or {reg, add} */
  | 'value'
  /** a ValueExpr that yields a number (number or {reg, add}): what a cell can hold */
  | 'number-value'
  /** a register name the op writes */
  | 'register'
  /** time units >= 0 */
  | 'units'
  /** a non-empty string */
  | 'label'
  /** a nested op list */
  | 'body'
  // sockets (socket-model.ts)
  /** a declared socket object (of the signature's `targets` types) or a socket register of the actor */
  | 'socket'
  /** a list of 'socket's */
  | 'socket-list'
  /** a register the op stores a socket into */
  | 'socket-register'
  /** a register holding a selector (written by `selector`) */
  | 'selector'
  /** a register the op stores a selector into */
  | 'selector-register'
  /** a BytesExpr */
  | 'bytes'
  /** an AddressExpr */
  | 'address'
  /** a byte count: an integer from 0 to MAX_SCENARIO_BYTES */
  | 'byte-count'
  /** any safe integer */
  | 'integer'
  /** a non-empty list of selector events */
  | 'selector-events'
  /** op lists by name (selector_select's handlers) */
  | 'handlers'
  /** one of SOCKET_CHOICES[kind] */
  | SocketChoiceKind;

export interface OpSignature {
  required: Readonly<Record<string, FieldKind>>;
  optional: Readonly<Record<string, FieldKind>>;
  /** Object types the `target` may name (ops with a target only). */
  targets?: readonly ObjectType[];
}

const LOCKLIKE = ['lock', 'rlock', 'semaphore', 'bounded-semaphore', 'condition'] as const;
const SEMAPHORES = ['semaphore', 'bounded-semaphore'] as const;

const onTarget = (targets: readonly ObjectType[], optional: Record<string, FieldKind> = {}, required: Record<string, FieldKind> = {}): OpSignature => ({
  required: { target: 'target', ...required },
  optional,
  targets,
});

export const OP_SIGNATURES: Readonly<Record<OpName, OpSignature>> = {
  acquire: onTarget(LOCKLIKE, { blocking: 'boolean', timeout: 'timeout' }),
  // `n` is Semaphore.release(n); Lock.release takes none (checked by the validator).
  release: onTarget(LOCKLIKE, { n: 'positive-count' }),
  set: onTarget(['event']),
  clear: onTarget(['event']),
  is_set: onTarget(['event']),
  wait: onTarget(['event', 'condition', 'barrier'], { timeout: 'timeout' }),
  notify: onTarget(['condition'], { n: 'count' }),
  notify_all: onTarget(['condition']),
  abort: onTarget(['barrier']),
  reset: onTarget(['barrier']),
  put: onTarget(['queue'], { block: 'boolean', timeout: 'timeout' }, { item: 'json' }),
  get: onTarget(['queue'], { block: 'boolean', timeout: 'timeout' }),
  put_nowait: onTarget(['queue'], {}, { item: 'json' }),
  get_nowait: onTarget(['queue']),
  qsize: onTarget(['queue']),
  empty: onTarget(['queue']),
  full: onTarget(['queue']),
  task_done: onTarget(['queue']),
  join_queue: onTarget(['queue']),
  read: onTarget(['cell'], { into: 'register' }),
  write: onTarget(['cell'], {}, { value: 'number-value' }),
  start: { required: { actor: 'actor' }, optional: {} },
  join: { required: { actor: 'actor' }, optional: { timeout: 'timeout' } },
  is_alive: { required: { actor: 'actor' }, optional: {} },
  terminate: { required: { actor: 'actor' }, optional: {} },
  exitcode: { required: { actor: 'actor' }, optional: {} },
  program: { required: { name: 'label' }, optional: { args: 'json', timeout: 'timeout' } },
  sleep: { required: { units: 'units' }, optional: {} },
  mark: { required: { label: 'label' }, optional: { value: 'value' } },
  repeat: { required: { times: 'count', body: 'body' }, optional: {} },
  when: { required: { value: 'value', equals: 'json', then: 'body' }, optional: { else: 'body' } },
  ...SOCKET_OP_SIGNATURES,
};

export const OP_NAMES = Object.keys(OP_SIGNATURES) as OpName[];

/** Ops only a process actor can perform (a thread cannot be terminated, has no exit code). */
export const PROCESS_ONLY_OPS: readonly OpName[] = ['terminate', 'exitcode', 'program'];

/** Object types whose `release` takes a count. */
export const COUNTED_RELEASE: readonly ObjectType[] = SEMAPHORES;

/** Every declarable object type and the fields its declaration accepts. */
export const OBJECT_FIELDS: Readonly<Record<ObjectType, readonly string[]>> = {
  lock: [],
  rlock: [],
  semaphore: ['value'],
  'bounded-semaphore': ['value'],
  event: [],
  condition: ['lock'],
  barrier: ['parties'],
  queue: ['order', 'maxsize', 'joinable'],
  cell: ['initial'],
  ...SOCKET_OBJECT_FIELDS,
};

export const OBJECT_TYPES = Object.keys(OBJECT_FIELDS) as ObjectType[];
