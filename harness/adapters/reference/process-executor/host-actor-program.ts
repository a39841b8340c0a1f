import { setTimeout as delay } from 'node:timers/promises';
import type { Actor, Json, ObjectDecl, Op, ValueExpr } from '../../../scenario/model';
import type { HistoryEvent } from '../../../scenario/history';
import { isPrimitiveOp, timeScale, type TimeScale } from '../object-binding';
import type { Value } from '../../../../impl/process';
import { CONTROL_OPS, type ControlOp } from './host-protocol';
import { invokeProcessOp } from './process-binding';

/**
 * Plays one actor's ops inside its own process and records each as `invoke` then `ok` or
 * `fail`, like the thread executor's ActorProgram, but every call is awaited: the process has
 * nothing else to run, so awaiting a lock is this process blocking on it. Errors are recorded
 * and the actor goes on (a Python program wrapping each call in try/except).
 */

export interface HostActorContext {
  actor: Actor;
  timeUnitMs: number;
  objects: ReadonlyMap<string, { decl: ObjectDecl; object: unknown }>;
  /** The scenario's clock origin, process.hrtime.bigint() in the executor (one monotonic clock for all processes on Linux). */
  origin: bigint;
  emit(event: HistoryEvent): void;
  /** Asks the executor to perform an op about processes. */
  request(op: ControlOp): Promise<Json>;
}

function pythonError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

export class HostActorProgram {
  private readonly registers = new Map<string, Json>();
  private readonly time: TimeScale;

  constructor(private readonly ctx: HostActorContext) {
    this.time = timeScale(ctx.timeUnitMs);
  }

  async run(): Promise<void> {
    for (const [i, op] of this.ctx.actor.ops.entries()) await this.step(op, [i]);
  }

  private now(): number {
    return Number(process.hrtime.bigint() - this.ctx.origin) / 1e6;
  }

  private async step(op: Op, path: number[]): Promise<void> {
    if (op.op === 'repeat') {
      for (let k = 0; k < op.times; k++) {
        for (const [j, inner] of op.body.entries()) await this.step(inner, [...path, k, j]);
      }
      return;
    }
    const base = { actor: this.ctx.actor.name, f: op.op, ...subjectOf(op) };
    const args = argsOf(op);
    this.ctx.emit({ type: 'invoke', ...base, ...(args === undefined ? {} : { args }), time: this.now(), path });
    let value: Json | undefined;
    try {
      value = await this.perform(op);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      this.ctx.emit({ type: 'fail', ...base, error: error.name, message: error.message, time: this.now(), path });
      return;
    }
    this.ctx.emit({ type: 'ok', ...base, ...(value === undefined ? {} : { value }), time: this.now(), path });
  }

  private async perform(op: Op): Promise<Json | undefined> {
    if ((CONTROL_OPS as readonly string[]).includes(op.op)) return this.ctx.request(op as ControlOp);
    switch (op.op) {
      case 'sleep':
        if (op.units > 0) await delay(op.units * this.ctx.timeUnitMs);
        return null;
      case 'mark':
        return op.value === undefined ? undefined : this.evaluate(op.value);
      case 'read': {
        const value = await this.cell(op.target).get();
        if (op.into !== undefined) this.registers.set(op.into, value);
        return value;
      }
      case 'write': {
        const value = this.evaluate(op.value);
        if (typeof value !== 'number') throw pythonError('TypeError', `a cell holds numbers, not ${JSON.stringify(value)}`);
        await this.cell(op.target).set(value);
        return null;
      }
      default: {
        if (!isPrimitiveOp(op)) throw new Error(`unhandled operation ${op.op}`);
        const entry = this.ctx.objects.get(op.target);
        if (entry === undefined) throw pythonError('NameError', `no object named "${op.target}"`);
        return invokeProcessOp(entry.object, entry.decl, op, this.time);
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

  private cell(name: string): Value {
    const entry = this.ctx.objects.get(name);
    if (entry === undefined || entry.decl.type !== 'cell') throw pythonError('NameError', `no cell named "${name}"`);
    return entry.object as Value;
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
