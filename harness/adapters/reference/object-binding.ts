import type { Capability } from '../../capability';
import type { Json, ObjectDecl, ObjectType, Op } from '../../scenario/model';
import type { SocketOp } from '../../scenario/socket-model';
import { SOCKET_OP_NAMES } from '../../scenario/socket-signatures';
import type { NetworkBinding } from './network-binding';

/**
 * How the thread executor reaches an implementation's synchronisation objects. The executor
 * itself knows actors, time, cells and registers; everything about locks, queues and the like
 * goes through a binding, so the same executor can drive the reference implementation, a
 * deliberately broken one (to test checkers), or a test double that crashes on purpose.
 *
 * A binding module is loaded inside every actor worker, so it must be a module path that
 * exports `binding` (see worker-code.ts), not an object handed over at run time.
 */

/** Ops the executor handles itself; the rest are the binding's. */
type ExecutorOpName = 'read' | 'write' | 'start' | 'join' | 'is_alive' | 'sleep' | 'mark' | 'repeat' | 'when' | ProcessOnlyOpName;

/** Ops of process actors (validation keeps them out of thread and task actors). */
type ProcessOnlyOpName = 'terminate' | 'exitcode' | 'program';

/** Socket ops are neither: the thread executor hands them to its socket layer (socket-ops.ts). */
export type PrimitiveOp = Exclude<Op, { op: ExecutorOpName } | SocketOp>;

export const EXECUTOR_OPS: readonly ExecutorOpName[] = ['read', 'write', 'start', 'join', 'is_alive', 'sleep', 'mark', 'repeat', 'when', 'terminate', 'exitcode', 'program'];

export function isPrimitiveOp(op: Op): op is PrimitiveOp {
  return !(EXECUTOR_OPS as readonly string[]).includes(op.op) && !(SOCKET_OP_NAMES as readonly string[]).includes(op.op);
}

export function isSocketOp(op: Op): op is SocketOp {
  return (SOCKET_OP_NAMES as readonly string[]).includes(op.op);
}

/** Converts the scenario's time units into what the implementation takes. */
export interface TimeScale {
  /** Milliseconds per scenario time unit. */
  readonly unitMs: number;
  /** A timeout in units as seconds; negative values pass through unscaled so `-1` keeps its Python meaning. */
  seconds(units: number): number;
}

export interface CreatedObject {
  /** The main thread's instance (kept so the objects live as long as the run). */
  object: unknown;
  /** Structured-clonable description another worker rebuilds the object from. */
  handle: unknown;
}

export interface ObjectBinding {
  /** Object types this binding can create (cells are the executor's own). */
  readonly objectTypes: ReadonlySet<Exclude<ObjectType, 'cell'>>;
  /** What the binding provides, beyond the executor's `threads` and `cell`. */
  readonly capabilities: ReadonlySet<Capability>;
  /**
   * Main thread: creates one object. `created` holds the objects declared before it (a
   * condition's lock is always created before the condition).
   */
  create(name: string, decl: ObjectDecl, created: ReadonlyMap<string, CreatedObject>): CreatedObject;
  /** Actor worker: rebuilds an object from its handle. */
  attach(decl: ObjectDecl, handle: unknown): unknown;
  /**
   * Actor worker: performs one operation and returns the Python return value as JSON (None is
   * null). Errors are thrown as the implementation raises them; the executor records their
   * `.name` and `.message`.
   */
  invoke(object: unknown, decl: ObjectDecl, op: PrimitiveOp, time: TimeScale): Json;
  /** Sockets, select and selectors (network-binding.ts); a binding without it cannot run socket scenarios. */
  readonly network?: NetworkBinding;
}

export function timeScale(unitMs: number): TimeScale {
  return {
    unitMs,
    seconds: (units) => (units < 0 ? units : (units * unitMs) / 1000),
  };
}
