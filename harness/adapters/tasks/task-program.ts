import { isDeepStrictEqual } from 'node:util';
import type { Actor, Json, ObjectDecl, Op, ValueExpr } from '../../scenario/model';
import type { HistoryEvent } from '../../scenario/history';
import { isPrimitiveOp, timeScale, type TimeScale } from '../reference/object-binding';
import { argsOf, pythonError, subjectOf } from './op-record';
import type { TaskBinding } from './task-binding';

/**
 * Plays one actor's ops as a task on the shared event loop and records each as `invoke`
 * followed by `ok` or `fail`, exactly as the thread executor does. The difference is where
 * waiting happens: an op that returns a Promise suspends this task only, and `sleep` is a
 * cooperative sleep (asyncio.sleep), so other tasks run meanwhile. An op that returns a plain
 * value completes without yielding, as a non-suspending call does in asyncio.
 *
 * An op that raises is recorded as `fail` and the actor goes on with its next op. Once the run
 * is over (deadline, daemon stop, crash), the task is abandoned: it performs no further op and
 * records nothing more, whatever its pending promise does later.
 */

/** What a task needs from the run it belongs to. */
export interface TaskRunControl {
  /** Milliseconds since the scenario started. */
  now(): number;
  readonly over: boolean;
  /** Records one event; dropped once the run is over. */
  emit(event: HistoryEvent): void;
  /** A cooperative sleep that also ends when the run ends. */
  sleep(ms: number): Promise<void>;
  readonly cells: Map<string, number>;
  start(name: string): void;
  join(caller: string, name: string, timeoutMs: number): Promise<void>;
  isAlive(name: string): boolean;
}

export interface TaskContext {
  actor: Actor;
  timeUnitMs: number;
  objects: ReadonlyMap<string, { decl: ObjectDecl; object: unknown }>;
  binding: TaskBinding;
  run: TaskRunControl;
}

function isThenable(value: unknown): value is PromiseLike<Json | undefined> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

export class TaskProgram {
  private readonly registers = new Map<string, Json>();
  private readonly time: TimeScale;

  constructor(private readonly ctx: TaskContext) {
    this.time = timeScale(ctx.timeUnitMs);
  }

  async run(): Promise<void> {
    for (const [i, op] of this.ctx.actor.ops.entries()) {
      if (this.ctx.run.over) return;
      await this.step(op, [i]);
    }
  }

  private async step(op: Op, path: number[]): Promise<void> {
    const { run } = this.ctx;
    if (op.op === 'repeat') {
      for (let k = 0; k < op.times; k++) {
        for (const [j, inner] of op.body.entries()) {
          if (run.over) return;
          await this.step(inner, [...path, k, j]);
        }
      }
      return;
    }
    if (op.op === 'when') {
      const branch = isDeepStrictEqual(this.evaluate(op.value), op.equals) ? 0 : 1;
      for (const [j, inner] of ((branch === 0 ? op.then : op.else) ?? []).entries()) {
        if (run.over) return;
        await this.step(inner, [...path, branch, j]);
      }
      return;
    }
    const base = { actor: this.ctx.actor.name, f: op.op, ...subjectOf(op) };
    const args = argsOf(op);
    run.emit({ type: 'invoke', ...base, ...(args === undefined ? {} : { args }), time: run.now(), path });
    let value: Json | undefined;
    try {
      const result = this.perform(op);
      value = isThenable(result) ? await result : result;
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      run.emit({ type: 'fail', ...base, error: error.name, message: error.message, time: run.now(), path });
      return;
    }
    run.emit({ type: 'ok', ...base, ...(value === undefined ? {} : { value }), time: run.now(), path });
  }

  /** The op's Python return value (None is null), possibly as a Promise; undefined only for a mark without value. */
  private perform(op: Op): Json | undefined | Promise<Json | undefined> {
    const { run } = this.ctx;
    const me = this.ctx.actor.name;
    switch (op.op) {
      case 'sleep':
        return run.sleep(op.units * this.ctx.timeUnitMs).then(() => null);
      case 'mark':
        return op.value === undefined ? undefined : this.evaluate(op.value);
      case 'read': {
        const value = this.cell(op.target);
        if (op.into !== undefined) this.registers.set(op.into, value);
        return value;
      }
      case 'write': {
        const value = this.evaluate(op.value);
        if (typeof value !== 'number') throw pythonError('TypeError', `a cell holds numbers, not ${JSON.stringify(value)}`);
        this.cell(op.target);
        run.cells.set(op.target, value);
        return null;
      }
      case 'start':
        run.start(op.actor);
        return null;
      case 'join': {
        // CPython clamps a negative join timeout to 0.
        const ms = op.timeout === null || op.timeout === undefined ? Infinity : Math.max(0, op.timeout) * this.ctx.timeUnitMs;
        return run.join(me, op.actor, ms).then(() => null);
      }
      case 'is_alive':
        return run.isAlive(op.actor);
      case 'repeat':
      case 'when':
        throw new Error(`${op.op} is structure, not an operation`); // handled by step()
      default: {
        // Sockets and process control are not operations of tasks sharing one loop's objects.
        if (!isPrimitiveOp(op)) throw pythonError('NotSupported', `task actors cannot perform ${(op as Op).op}`);
        const entry = this.ctx.objects.get(op.target);
        if (entry === undefined) throw pythonError('NameError', `no object named "${op.target}"`);
        return this.ctx.binding.invoke(entry.object, entry.decl, op, this.time);
      }
    }
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
    const value = this.ctx.run.cells.get(name);
    if (value === undefined) throw pythonError('NameError', `no cell named "${name}"`);
    return value;
  }
}
