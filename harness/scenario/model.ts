/**
 * The scenario model: an implementation-neutral, plain-JSON description of a concurrent
 * program. It is a versioned contract (docs/scenario-model.md): adapters in other languages
 * receive exactly these objects, so nothing here may be a function, a class or a cycle.
 */

import type { SocketObjectDecl, SocketOp } from './socket-model';

export const SCENARIO_MODEL_VERSION = 1 as const;

/** A JSON value, as it crosses process and language boundaries. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type ActorKind = 'thread' | 'process' | 'task';

export type QueueOrder = 'fifo' | 'lifo' | 'priority';

/** Named shared objects, declared up front so every actor sees the same instance. */
export type ObjectDecl =
  | { type: 'lock' }
  | { type: 'rlock' }
  | { type: 'semaphore'; value?: number }
  | { type: 'bounded-semaphore'; value?: number }
  | { type: 'event' }
  /** `lock` names a declared lock or rlock; without it the condition owns a fresh RLock, as in CPython. */
  | { type: 'condition'; lock?: string }
  | { type: 'barrier'; parties: number }
  /** `maxsize` < 1 means unbounded, as in CPython. `joinable` asks for task_done/join (always there for thread queues). */
  | { type: 'queue'; order?: QueueOrder; maxsize?: number; joinable?: boolean }
  /** A plain shared number with no synchronisation: the target of racy read-modify-write. */
  | { type: 'cell'; initial?: number }
  /** Declared sockets (tcp-listener, unix-listener, udp-socket): socket-model.ts. */
  | SocketObjectDecl;

export type ObjectType = ObjectDecl['type'];

/** A value computed from the actor's registers when the operation runs. */
export type ValueExpr = number | string | { reg: string; add?: number };

/**
 * Operations. Times (`timeout`, `units`) are in scenario time units (Scenario.timeUnitMs),
 * never seconds, so a suite can be scaled down without editing claims. `timeout` absent or
 * null means "wait forever" (Python's None); a negative timeout is passed through so the
 * implementation's own error for it can be observed.
 */
export type Op =
  // lock, rlock, semaphore, bounded-semaphore, condition
  | { op: 'acquire'; target: string; blocking?: boolean; timeout?: number | null }
  | { op: 'release'; target: string; n?: number }
  // event
  | { op: 'set'; target: string }
  | { op: 'clear'; target: string }
  | { op: 'is_set'; target: string }
  // event, condition, barrier
  | { op: 'wait'; target: string; timeout?: number | null }
  // condition
  | { op: 'notify'; target: string; n?: number }
  | { op: 'notify_all'; target: string }
  // barrier
  | { op: 'abort'; target: string }
  | { op: 'reset'; target: string }
  // queue
  | { op: 'put'; target: string; item: Json; block?: boolean; timeout?: number | null }
  | { op: 'get'; target: string; block?: boolean; timeout?: number | null }
  | { op: 'put_nowait'; target: string; item: Json }
  | { op: 'get_nowait'; target: string }
  | { op: 'qsize'; target: string }
  | { op: 'empty'; target: string }
  | { op: 'full'; target: string }
  | { op: 'task_done'; target: string }
  | { op: 'join_queue'; target: string }
  // cell: read into a register, write a value (possibly computed from a register)
  | { op: 'read'; target: string; into?: string }
  | { op: 'write'; target: string; value: ValueExpr }
  // actor control
  | { op: 'start'; actor: string }
  | { op: 'join'; actor: string; timeout?: number | null }
  | { op: 'is_alive'; actor: string }
  // process actors only: Process.terminate() (SIGTERM) and Process.exitcode
  | { op: 'terminate'; actor: string }
  | { op: 'exitcode'; actor: string }
  /**
   * process actors only: runs the implementation's version of a documented example program
   * (docs/example-programs.md) with `args` and returns its transcript: the records it reported,
   * its exit, and how many of its processes outlived it. `timeout` (units, counted from the
   * program's first record) ends a program that would not end by itself.
   */
  | { op: 'program'; name: string; args?: { [key: string]: Json }; timeout?: number | null }
  // time and annotation
  | { op: 'sleep'; units: number }
  | { op: 'mark'; label: string; value?: ValueExpr }
  // structure: `repeat` runs `body` `times` times; its events carry the iteration in `path`
  | { op: 'repeat'; times: number; body: Op[] }
  // structure: `when` runs `then` if the value equals `equals` (JSON equality), else `else`; its events carry the branch (0, 1) in `path`
  | { op: 'when'; value: ValueExpr; equals: Json; then: Op[]; else?: Op[] }
  // sockets, select and selectors: socket-model.ts
  | SocketOp;

export type OpName = Op['op'];

export interface Actor {
  name: string;
  kind: ActorKind;
  /** `auto` actors start together when the scenario begins; `manual` ones wait for a `start` op. Default `auto`. */
  start?: 'auto' | 'manual';
  /** Python's daemon flag; a daemon actor still running when all others end is stopped, not waited for. */
  daemon?: boolean;
  ops: Op[];
}

export interface Scenario {
  version: typeof SCENARIO_MODEL_VERSION;
  /** Stable within its claim; used in reports and replay commands. */
  name: string;
  /** Milliseconds per time unit. Keeps timing claims scale-free. */
  timeUnitMs: number;
  /** Wall-clock budget for the whole scenario; when it passes, blocked operations are recorded as `info`. */
  deadlineMs: number;
  objects: Record<string, ObjectDecl>;
  actors: Actor[];
  /** Seed of a generated scenario, recorded so that a failure can be replayed. */
  seed?: number;
}
