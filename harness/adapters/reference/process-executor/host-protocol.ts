import type { Actor, Json, ObjectDecl, Op } from '../../../scenario/model';
import type { HistoryEvent } from '../../../scenario/history';
import type { SharedHandle } from '../../../../impl/process';

/**
 * Messages between the process executor and an actor host (one child process per actor).
 * A host serves runs one after another, so every message after `idle` names its run and a late
 * message is never taken for one of the next run. The host does its actor's ops itself and asks
 * the executor only for what concerns other processes: starting, joining, terminating and
 * inspecting actors, and running example programs.
 */

/** Ops the executor answers for an actor (they concern processes, not shared objects). */
export type ControlOp = Extract<Op, { op: 'start' | 'join' | 'is_alive' | 'terminate' | 'exitcode' | 'program' }>;

export const CONTROL_OPS: readonly ControlOp['op'][] = ['start', 'join', 'is_alive', 'terminate', 'exitcode', 'program'];

export interface HostRunMessage {
  type: 'run';
  runId: number;
  actor: Actor;
  timeUnitMs: number;
  objects: Record<string, { decl: ObjectDecl; handle: SharedHandle }>;
  /** The scenario's clock origin (process.hrtime.bigint()); present when the actor starts at once. */
  origin?: bigint;
}

export type ExecutorToHost =
  | HostRunMessage
  /** Starts an actor that was made ready without an origin. */
  | { type: 'go'; runId: number; origin: bigint }
  | { type: 'reply'; runId: number; requestId: number; value?: Json; error?: { name: string; message: string } };

export type HostToExecutor =
  | { type: 'idle' }
  | { type: 'ready'; runId: number }
  | { type: 'setup-failed'; runId: number; error: string }
  | { type: 'event'; runId: number; event: HistoryEvent }
  | { type: 'request'; runId: number; requestId: number; op: ControlOp }
  /** Every op has been played; the host is idle again. */
  | { type: 'done'; runId: number };
