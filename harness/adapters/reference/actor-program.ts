import { isDeepStrictEqual } from 'node:util';
import type { Actor, Json, ObjectDecl, Op, ValueExpr } from '../../scenario/model';
import type { HistoryEvent } from '../../scenario/history';
import { ActorState, type ControlBlock } from './control-block';
import type { ActorNetwork, NetworkOutcome } from './network-binding';
import { isPrimitiveOp, isSocketOp, timeScale, type ObjectBinding, type TimeScale } from './object-binding';

/**
 * Plays one actor's ops on the worker's own thread and records each as `invoke` followed by
 * `ok` or `fail`. Everything here blocks for real (the primitives, sleeps, joins): the actor
 * is a thread, so the interleavings are the operating system's, not a simulation's.
 *
 * An op that raises is recorded as `fail` and the actor goes on with its next op: a scenario
 * observes errors the way a Python program wraps each call in try/except, so one expected
 * error (Empty, a broken barrier) does not end the actor.
 *
 * Socket ops are the exception to "everything blocks the thread": Node delivers socket events to
 * the worker's event loop, so a socket op is awaited, and while it waits the loop moves bytes as
 * the kernel would. Programs without socket ops never await anything and run exactly as before,
 * start to end in one turn of the loop.
 */

type Step = void | Promise<void>;

/** Runs `run` on each item in order, synchronously until a step returns a promise, then chained. */
function sequence<T>(items: readonly T[], run: (item: T, index: number) => Step, from = 0): Step {
  for (let i = from; i < items.length; i++) {
    const pending = run(items[i], i);
    if (pending !== undefined) return pending.then(() => sequence(items, run, i + 1));
  }
  return undefined;
}

export interface ActorContext {
  actor: Actor;
  actorIndex: number;
  actorIndexes: Readonly<Record<string, number>>;
  timeUnitMs: number;
  objects: ReadonlyMap<string, { decl: ObjectDecl; object: unknown }>;
  cellIndexes: Readonly<Record<string, number>>;
  /** Plain (non-atomic) shared numbers: racy read-modify-write must really race. */
  cells: Float64Array;
  control: ControlBlock;
  binding: ObjectBinding;
  /** Sends one event to the main thread, before the op it describes blocks. */
  emit(event: HistoryEvent): void;
  /** The actor's sockets, when the binding has a network and the scenario uses it. */
  network?: ActorNetwork;
}

/** A Python-named error raised by the executor's own ops (start, join, registers). */
function pythonError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

export class ActorProgram {
  private readonly registers = new Map<string, Json>();
  private readonly sleeper = new Int32Array(new SharedArrayBuffer(4));
  private readonly time: TimeScale;
  private readonly startTime: bigint;

  constructor(private readonly ctx: ActorContext) {
    this.time = timeScale(ctx.timeUnitMs);
    this.startTime = ctx.control.startTime;
  }

  /** Plays every op; returns a promise only if some op had to be awaited (socket ops, sleeps of a socket-owning actor). */
  run(): Step {
    return sequence(this.ctx.actor.ops, (op, i) => this.step(op, [i]));
  }

  /** Milliseconds since the scenario started, on the clock every thread shares. */
  private now(): number {
    return Number(process.hrtime.bigint() - this.startTime) / 1e6;
  }

  private step(op: Op, path: number[]): Step {
    if (op.op === 'repeat') {
      const iterate = (from: number): Step => {
        for (let k = from; k < op.times; k++) {
          const pending = sequence(op.body, (inner, j) => this.step(inner, [...path, k, j]));
          if (pending !== undefined) return pending.then(() => iterate(k + 1));
        }
        return undefined;
      };
      return iterate(0);
    }
    if (op.op === 'when') {
      const branch = isDeepStrictEqual(this.evaluate(op.value), op.equals) ? 0 : 1;
      return sequence((branch === 0 ? op.then : op.else) ?? [], (inner, j) => this.step(inner, [...path, branch, j]));
    }
    const network = this.ctx.network;
    const target = isSocketOp(op) && network !== undefined ? network.targetOf(op) : subjectOf(op).target;
    const base = { actor: this.ctx.actor.name, f: op.op, ...(target === undefined ? {} : { target }) };
    const args = argsOf(op);
    this.ctx.emit({ type: 'invoke', ...base, ...(args === undefined ? {} : { args }), time: this.now(), path });
    const failed = (e: unknown) => {
      const error = e instanceof Error ? e : new Error(String(e));
      this.ctx.emit({ type: 'fail', ...base, error: error.name, message: error.message, time: this.now(), path });
    };
    const succeeded = (value: Json | undefined) => this.ctx.emit({ type: 'ok', ...base, ...(value === undefined ? {} : { value }), time: this.now(), path });
    if (isSocketOp(op)) {
      if (network === undefined) {
        failed(pythonError('NotSupported', 'this implementation has no sockets'));
        return undefined;
      }
      return network.perform(op, { registers: this.registers, unitMs: this.ctx.timeUnitMs }).then(
        (outcome) => {
          succeeded(outcome.value);
          return this.dispatch(outcome, path);
        },
        failed,
      );
    }
    if (op.op === 'sleep' && network?.busy === true) {
      return new Promise<void>((resolve) => setTimeout(resolve, op.units * this.ctx.timeUnitMs)).then(() => succeeded(null));
    }
    let value: Json | undefined;
    try {
      value = this.perform(op);
    } catch (e) {
      failed(e);
      return undefined;
    }
    succeeded(value);
    return undefined;
  }

  /** A dispatching selector_select's handlers, each with its key's socket bound; their events carry [event index, op index]. */
  private dispatch(outcome: NetworkOutcome, path: number[]): Step {
    return sequence(outcome.dispatch ?? [], (call, k) => {
      call.bind();
      return sequence(call.ops, (inner, j) => this.step(inner, [...path, k, j]));
    });
  }

  /** Returns the op's Python return value (None is null); undefined only for a mark without value. */
  private perform(op: Op): Json | undefined {
    switch (op.op) {
      case 'sleep':
        this.block(op.units * this.ctx.timeUnitMs);
        return null;
      case 'mark':
        return op.value === undefined ? undefined : this.evaluate(op.value);
      case 'read': {
        const value = this.ctx.cells[this.cell(op.target)];
        if (op.into !== undefined) this.registers.set(op.into, value);
        return value;
      }
      case 'write': {
        const value = this.evaluate(op.value);
        if (typeof value !== 'number') throw pythonError('TypeError', `a cell holds numbers, not ${JSON.stringify(value)}`);
        this.ctx.cells[this.cell(op.target)] = value;
        return null;
      }
      case 'start':
        return this.start(op.actor);
      case 'join':
        return this.join(op.actor, op.timeout);
      case 'is_alive':
        return this.ctx.control.state(this.actorIndex(op.actor)) === ActorState.RUNNING;
      case 'repeat':
      case 'when':
        throw new Error(`${op.op} is structure, not an operation`); // handled by step()
      default: {
        if (!isPrimitiveOp(op)) throw new Error(`unhandled operation ${(op as Op).op}`);
        const entry = this.ctx.objects.get(op.target);
        if (entry === undefined) throw pythonError('NameError', `no object named "${op.target}"`);
        return this.ctx.binding.invoke(entry.object, entry.decl, op, this.time);
      }
    }
  }

  /** Thread.start(): CPython raises RuntimeError on a second start. */
  private start(name: string): null {
    const index = this.actorIndex(name);
    if (!this.ctx.control.transition(index, ActorState.NEW, ActorState.RUNNING)) {
      throw pythonError('RuntimeError', 'threads can only be started once');
    }
    return null;
  }

  /** Thread.join(timeout): returns None whether or not the thread ended, as in CPython. */
  private join(name: string, timeout: number | null | undefined): null {
    const index = this.actorIndex(name);
    if (index === this.ctx.actorIndex) throw pythonError('RuntimeError', 'cannot join current thread');
    if (this.ctx.control.state(index) === ActorState.NEW) throw pythonError('RuntimeError', 'cannot join thread before it is started');
    // CPython clamps a negative join timeout to 0.
    const ms = timeout === null || timeout === undefined ? Infinity : Math.max(0, timeout) * this.ctx.timeUnitMs;
    this.ctx.control.awaitNotRunning(index, ms);
    return null;
  }

  /** A real blocking sleep that yields the CPU, as time.sleep does. */
  private block(ms: number): void {
    if (ms > 0) Atomics.wait(this.sleeper, 0, 0, ms);
  }

  private evaluate(expr: ValueExpr): Json {
    if (typeof expr === 'number' || typeof expr === 'string') return expr;
    const value = this.registers.get(expr.reg);
    if (value === undefined) throw pythonError('NameError', `register "${expr.reg}" has not been read into yet`);
    if (expr.add === undefined) return value;
    if (typeof value !== 'number') throw pythonError('TypeError', `cannot add to register "${expr.reg}" holding ${JSON.stringify(value)}`);
    return value + expr.add;
  }

  private cell(name: string): number {
    const index = this.ctx.cellIndexes[name];
    if (index === undefined) throw pythonError('NameError', `no cell named "${name}"`);
    return index;
  }

  private actorIndex(name: string): number {
    const index = this.ctx.actorIndexes[name];
    if (index === undefined) throw pythonError('NameError', `no actor named "${name}"`);
    return index;
  }
}

/** The object or actor an op is about, as recorded in `target`. */
function subjectOf(op: Op): { target?: string } {
  if ('target' in op) return { target: op.target };
  if ('actor' in op) return { target: op.actor };
  return {};
}

/** The op's other fields as given in the scenario, or undefined when it has none. */
function argsOf(op: Op): { [key: string]: Json } | undefined {
  const args: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(op)) {
    if (key === 'op' || key === 'target' || key === 'actor' || value === undefined) continue;
    args[key] = value as Json;
  }
  return Object.keys(args).length === 0 ? undefined : args;
}
