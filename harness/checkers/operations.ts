import type { Json } from '../scenario/model';
import type { HistoryEvent, Operation } from '../scenario/history';
import type { Judgement } from '../../spec/claim';
import { formatTime } from './describe';

/**
 * Pairing a Jepsen-style event history into operations, and validating its shape. A malformed
 * history is a bug in the implementation under test (or its adapter), never something a checker
 * should quietly work around, so every history checker refuses one with a clear message.
 */

export type HistoryProblemKind =
  | 'bad-event'
  | 'completion-without-invoke'
  | 'overlapping-invokes'
  | 'completion-mismatch'
  | 'time-went-backwards';

export interface HistoryProblem {
  kind: HistoryProblemKind;
  actor: string;
  /** Index of the offending event in the history array. */
  index: number;
  message: string;
}

export interface PairedHistory {
  /** In the order of their invoke events. */
  operations: Operation[];
  problems: HistoryProblem[];
}

const EVENT_TYPES = new Set(['invoke', 'ok', 'fail', 'info']);

function samePath(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Pairs every invoke with the next completion by the same actor. An invoke without a completion
 * becomes a `pending` operation (the history was cut, e.g. at a deadline).
 */
export function pairOperations(history: readonly HistoryEvent[]): PairedHistory {
  const operations: Operation[] = [];
  const problems: HistoryProblem[] = [];
  const outstanding = new Map<string, Operation>();
  const lastTime = new Map<string, number>();

  history.forEach((event, index) => {
    const actor = typeof event?.actor === 'string' ? event.actor : '?';
    const problem = (kind: HistoryProblemKind, message: string) =>
      problems.push({ kind, actor, index, message: `event #${index}: ${message}` });

    if (
      typeof event !== 'object' ||
      event === null ||
      typeof event.actor !== 'string' ||
      typeof event.f !== 'string' ||
      !EVENT_TYPES.has(event.type) ||
      typeof event.time !== 'number' ||
      !Number.isFinite(event.time) ||
      !Array.isArray(event.path)
    ) {
      problem('bad-event', `not a well-formed history event: ${JSON.stringify(event)}`);
      return;
    }

    const previous = lastTime.get(actor);
    if (previous !== undefined && event.time < previous) {
      problem(
        'time-went-backwards',
        `${actor}'s ${event.type} ${event.f} is stamped ${formatTime(event.time)}, before its previous event at ${formatTime(previous)}`,
      );
    }
    lastTime.set(actor, Math.max(event.time, previous ?? -Infinity));

    const open = outstanding.get(actor);
    if (event.type === 'invoke') {
      if (open) {
        problem(
          'overlapping-invokes',
          `${actor} invoked ${event.f} at ${formatTime(event.time)} while its ${open.f} invoked at ${formatTime(open.invokeTime)} had not completed`,
        );
        // Keep the earlier one pending and go on with the new one, so later pairing still makes sense.
        outstanding.delete(actor);
      }
      const op: Operation = { actor, f: event.f, path: [...event.path], invokeTime: event.time, outcome: 'pending' };
      if (event.target !== undefined) op.target = event.target;
      if (event.args !== undefined) op.args = event.args;
      operations.push(op);
      outstanding.set(actor, op);
      return;
    }

    if (!open) {
      problem('completion-without-invoke', `${actor}'s ${event.type} ${event.f} at ${formatTime(event.time)} completes nothing: ${actor} had no operation in flight`);
      return;
    }
    if (open.f !== event.f || open.target !== event.target || !samePath(open.path, event.path)) {
      problem(
        'completion-mismatch',
        `${actor}'s ${event.type} ${event.f}${event.target ? `(${event.target})` : ''} at ${formatTime(event.time)} does not match its invoke of ${open.f}${open.target ? `(${open.target})` : ''}`,
      );
    }
    outstanding.delete(actor);
    open.outcome = event.type;
    // `info` means it never completed: there is no return time to reason with.
    if (event.type !== 'info') open.returnTime = event.time;
    if (event.value !== undefined) open.value = event.value;
    if (event.error !== undefined) open.error = event.error;
    if (event.message !== undefined) open.message = event.message;
  });

  return { operations, problems };
}

/** True for operations that never returned (cut by the deadline, or recorded as `info`). */
export function isIncomplete(op: Operation): boolean {
  return op.outcome === 'pending' || op.outcome === 'info';
}

/** The object or actor an operation is about: `target`, or the `actor` argument of start/join. */
export function subjectOf(op: Pick<Operation, 'target' | 'args'>): string | undefined {
  if (op.target !== undefined) return op.target;
  const actor = op.args?.['actor'];
  return typeof actor === 'string' ? actor : undefined;
}

/** The judgement for a malformed history: names every problem (up to a handful) with its event. */
export function malformedHistory(problems: readonly HistoryProblem[]): Judgement {
  const shown = problems.slice(0, 5).map((p) => p.message);
  const more = problems.length > shown.length ? ` (and ${problems.length - shown.length} more)` : '';
  return {
    ok: false,
    message: `malformed history: ${shown.join('; ')}${more}`,
    evidence: {
      malformed: problems.slice(0, 20).map((p): Json => ({ kind: p.kind, actor: p.actor, index: p.index, message: p.message })),
    },
  };
}

/** Whether the history is a proper invoke/completion history. */
export function checkWellFormed(history: readonly HistoryEvent[]): Judgement {
  const { operations, problems } = pairOperations(history);
  if (problems.length > 0) return malformedHistory(problems);
  const pending = operations.filter((op) => op.outcome === 'pending').length;
  return {
    ok: true,
    message: `well-formed history: ${operations.length} operations${pending ? `, ${pending} never completed` : ''}`,
  };
}

/** Runs `judge` over the paired operations, or refuses a malformed history. */
export function judgeOperations(history: readonly HistoryEvent[], judge: (operations: Operation[]) => Judgement): Judgement {
  const { operations, problems } = pairOperations(history);
  if (problems.length > 0) return malformedHistory(problems);
  return judge(operations);
}
