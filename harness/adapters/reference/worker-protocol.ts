import type { Actor, ObjectDecl } from '../../scenario/model';
import type { HistoryEvent } from '../../scenario/history';
import type { NetworkPlan } from './network-binding';

/**
 * Messages between the main thread and an actor worker. A pooled worker serves many runs, one
 * at a time, so every message after `idle` names its run: a late message can never be taken
 * for one of the next run.
 */

/** Everything an actor worker needs to play one actor of one run. */
export interface RunActorMessage {
  type: 'run';
  runId: number;
  actor: Actor;
  actorIndex: number;
  /** Index of every actor by name, for start/join/is_alive. */
  actorIndexes: Record<string, number>;
  timeUnitMs: number;
  objects: Record<string, { decl: ObjectDecl; handle: unknown }>;
  /** Index of every cell in `cells`. */
  cellIndexes: Record<string, number>;
  cells: SharedArrayBuffer;
  control: SharedArrayBuffer;
  /** Declared sockets and the port board, when the scenario has sockets (network-binding.ts). */
  network?: NetworkPlan;
}

export type MainToWorker = RunActorMessage;

export type WorkerToMain =
  /** The worker has loaded its code and waits for a run. */
  | { type: 'idle' }
  /** Objects attached; the worker is parked until its actor starts. */
  | { type: 'ready'; runId: number }
  | { type: 'setup-failed'; runId: number; error: string }
  | { type: 'event'; runId: number; event: HistoryEvent }
  /** The actor finished (or was cancelled before starting); every event of the run was sent before this. */
  | { type: 'done'; runId: number };
