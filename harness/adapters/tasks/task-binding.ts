import type { Capability } from '../../capability';
import type { Json, ObjectDecl, ObjectType } from '../../scenario/model';
import type { PrimitiveOp, TimeScale } from '../reference/object-binding';

/**
 * How the task executor reaches an implementation whose primitives are used from tasks on one
 * event loop (asyncio-style: waiting returns a Promise). It is the task-level counterpart of the
 * thread executor's ObjectBinding: the executor owns actors, time, cells, registers and
 * deadlines; the binding only creates objects and performs operations on them. Everything runs
 * on one event loop, so objects need no handles.
 *
 * A binding module exports `binding: TaskBinding`. It is loaded both where the implementation is
 * described (to read its capabilities) and in the task host's worker (to run scenarios), so it
 * must not do anything expensive or ESM-only at load time: that belongs in `load()`.
 */
export interface TaskBinding {
  /** Shown in reports as the implementation's name and version. */
  readonly name: string;
  readonly version: string;
  /** Object types this binding can create (cells are the executor's own). */
  readonly objectTypes: ReadonlySet<Exclude<ObjectType, 'cell'>>;
  /** What the binding provides, beyond the executor's `tasks` and `cell`. */
  readonly capabilities: ReadonlySet<Capability>;
  /** Loads the library (e.g. an ESM-only package through import()); called once before the first run. */
  load?(): Promise<void>;
  /** Creates one object; `created` holds those declared before it (a condition's lock first). */
  create(name: string, decl: ObjectDecl, created: ReadonlyMap<string, unknown>): unknown;
  /**
   * Performs one operation and returns (or resolves to) the Python return value as JSON; None
   * is null. Errors are thrown (or rejected) with `.name` set to the normalised error name; an
   * operation the library cannot express throws `NotSupported` (not-supported.ts).
   */
  invoke(object: unknown, decl: ObjectDecl, op: PrimitiveOp, time: TimeScale): Json | Promise<Json>;
}
