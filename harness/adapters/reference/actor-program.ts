import type { Actor, Json, ObjectDecl, Op, ValueExpr } from '../../scenario/model';
import type { HistoryEvent } from '../../scenario/history';
import { ActorState, type ControlBlock } from './control-block';
import { isPrimitiveOp, timeScale, type ObjectBinding, type TimeScale } from './object-binding';

/**
 * Plays one actor's ops on the worker's own thread and records each as `invoke` followed by
 * `ok` or `fail`. Everything here blocks for real (the primitives, sleeps, joins): the actor
 * is a thread, so the interleavings are the operating system's, not a simulation's.
 *
 * An op that raises is recorded as `fail` and the actor goes on with its next op: a scenario
 * observes errors the way a Python program wraps each call in try/except, so one expected
 * error (Empty, a broken barrier) does not end the actor.
 */

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

  run(): void {
    this.ctx.actor.ops.forEach((op, i) => this.step(op, [i]));
  }

  /** Milliseconds since the scenario started, on the clock every thread shares. */
  private now(): number {
    return Number(process.hrtime.bigint() - this.startTime) / 1e6;
  }

  private step(op: Op, path: number[]): void {
    if (op.op === 'repeat') {
      for (let k = 0; k < op.times; k++) op.body.forEach((inner, j) => this.step(inner, [...path, k, j]));
      return;
    }
    const base = { actor: this.ctx.actor.name, f: op.op, ...subjectOf(op) };
    const args = argsOf(op);
    this.ctx.emit({ type: 'invoke', ...base, ...(args === undefined ? {} : { args }), time: this.now(), path });
    let value: Json | undefined;
    try {
      value = this.perform(op);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      this.ctx.emit({ type: 'fail', ...base, error: error.name, message: error.message, time: this.now(), path });
      return;
    }
    this.ctx.emit({ type: 'ok', ...base, ...(value === undefined ? {} : { value }), time: this.now(), path });
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
        throw new Error('repeat is structure, not an operation'); // handled by step()
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
