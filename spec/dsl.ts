import {
  SCENARIO_MODEL_VERSION,
  type Actor,
  type Json,
  type ObjectDecl,
  type Op,
  type Scenario,
  type ValueExpr,
} from '../harness/scenario/model';

/**
 * A small vocabulary for writing scenarios in claims. It only builds plain JSON (the scenario
 * model), so whatever it produces can be sent as-is to an implementation in another language.
 */

/** Default scale: the documents' 1-second sleeps become 1 unit = 40 ms. */
export const DEFAULT_UNIT_MS = 40;

export interface ScenarioSpec {
  objects: Record<string, ObjectDecl>;
  actors: Actor[];
  timeUnitMs?: number;
  /** Deadline in time units; converted to ms. */
  deadlineUnits?: number;
}

export function scenario(name: string, spec: ScenarioSpec): Scenario {
  const timeUnitMs = spec.timeUnitMs ?? DEFAULT_UNIT_MS;
  return {
    version: SCENARIO_MODEL_VERSION,
    name,
    timeUnitMs,
    deadlineMs: (spec.deadlineUnits ?? 100) * timeUnitMs,
    objects: spec.objects,
    actors: spec.actors,
  };
}

export function thread(name: string, ops: Op[], opts: { start?: 'auto' | 'manual'; daemon?: boolean } = {}): Actor {
  return { name, kind: 'thread', ops, ...opts };
}

/** `count` threads named `${prefix}1..N`, each running the ops `make(i)` returns. */
export function threads(prefix: string, count: number, make: (i: number) => Op[], opts: { start?: 'auto' | 'manual' } = {}): Actor[] {
  return Array.from({ length: count }, (_, k) => thread(`${prefix}${k + 1}`, make(k + 1), opts));
}

/** An actor that is its own OS process (multiprocessing.Process). */
export function proc(name: string, ops: Op[], opts: { start?: 'auto' | 'manual'; daemon?: boolean } = {}): Actor {
  return { name, kind: 'process', ops, ...opts };
}

/** `count` processes named `${prefix}1..N`, each running the ops `make(i)` returns. */
export function procs(prefix: string, count: number, make: (i: number) => Op[], opts: { start?: 'auto' | 'manual'; daemon?: boolean } = {}): Actor[] {
  return Array.from({ length: count }, (_, k) => proc(`${prefix}${k + 1}`, make(k + 1), opts));
}

type Wait = { timeout?: number | null };

export const op = {
  acquire: (target: string, o: { blocking?: boolean } & Wait = {}): Op => ({ op: 'acquire', target, ...o }),
  release: (target: string, n?: number): Op => (n === undefined ? { op: 'release', target } : { op: 'release', target, n }),
  set: (target: string): Op => ({ op: 'set', target }),
  clear: (target: string): Op => ({ op: 'clear', target }),
  isSet: (target: string): Op => ({ op: 'is_set', target }),
  wait: (target: string, timeout?: number | null): Op => (timeout === undefined ? { op: 'wait', target } : { op: 'wait', target, timeout }),
  put: (target: string, item: Json, o: { block?: boolean } & Wait = {}): Op => ({ op: 'put', target, item, ...o }),
  get: (target: string, o: { block?: boolean } & Wait = {}): Op => ({ op: 'get', target, ...o }),
  putNowait: (target: string, item: Json): Op => ({ op: 'put_nowait', target, item }),
  getNowait: (target: string): Op => ({ op: 'get_nowait', target }),
  qsize: (target: string): Op => ({ op: 'qsize', target }),
  empty: (target: string): Op => ({ op: 'empty', target }),
  full: (target: string): Op => ({ op: 'full', target }),
  taskDone: (target: string): Op => ({ op: 'task_done', target }),
  joinQueue: (target: string): Op => ({ op: 'join_queue', target }),
  read: (target: string, into = 'tmp'): Op => ({ op: 'read', target, into }),
  write: (target: string, value: ValueExpr): Op => ({ op: 'write', target, value }),
  start: (actor: string): Op => ({ op: 'start', actor }),
  join: (actor: string, timeout?: number | null): Op => (timeout === undefined ? { op: 'join', actor } : { op: 'join', actor, timeout }),
  isAlive: (actor: string): Op => ({ op: 'is_alive', actor }),
  terminate: (actor: string): Op => ({ op: 'terminate', actor }),
  exitcode: (actor: string): Op => ({ op: 'exitcode', actor }),
  /** Runs a documented example program (docs/example-programs.md); `timeout` in units ends it early. */
  program: (name: string, args?: { [key: string]: Json }, timeout?: number): Op => ({ op: 'program', name, ...(args === undefined ? {} : { args }), ...(timeout === undefined ? {} : { timeout }) }),
  sleep: (units: number): Op => ({ op: 'sleep', units }),
  mark: (label: string, value?: ValueExpr): Op => (value === undefined ? { op: 'mark', label } : { op: 'mark', label, value }),
  repeat: (times: number, body: Op[]): Op => ({ op: 'repeat', times, body }),
};

/** Python's `with lock:` — acquire, body, release. */
export function withLock(target: string, body: Op[]): Op[] {
  return [op.acquire(target), ...body, op.release(target)];
}

/** The documents' racy decrement: `temp = x; time.sleep(d); x = temp - 1`. */
export function racyDecrement(cell: string, sleepUnits: number): Op[] {
  return [op.read(cell, 'temp'), op.sleep(sleepUnits), op.write(cell, { reg: 'temp', add: -1 })];
}
