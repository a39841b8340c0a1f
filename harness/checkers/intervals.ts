import type { Json } from '../scenario/model';
import type { HistoryEvent, Operation } from '../scenario/history';
import type { Judgement } from '../../spec/claim';
import { describeCall, formatTime, timeToJson } from './describe';
import { judgeOperations } from './operations';

/**
 * Time intervals and real-time order. Every interval a checker builds is one the history
 * *guarantees*: a lock is certainly held from the moment its acquire returned to the moment its
 * release was invoked, whatever the scheduler did. Overlap is strict (touching is not
 * overlapping), so a coarse clock can make a checker miss a violation but never invent one.
 */

export interface Interval {
  actor: string;
  /** What the interval is, for messages: `holds lock1`, `enter…exit`, `sleep(…)`, `run`. */
  label: string;
  start: number;
  /**
   * `Infinity` when still open at the end of the history. An end before the start means
   * "empty": the history guarantees nothing here (e.g. a Lock released by another actor before
   * its acquire had returned), and the interval overlaps nothing.
   */
  end: number;
}

export function isEmptyInterval(i: Interval): boolean {
  return i.end < i.start;
}

export function overlaps(a: Interval, b: Interval): boolean {
  if (isEmptyInterval(a) || isEmptyInterval(b)) return false;
  return a.start < b.end && b.start < a.end;
}

/** `a` ended no later than `b` began. */
export function intervalBefore(a: Interval, b: Interval): boolean {
  return a.end <= b.start;
}

/**
 * Real-time order of operations (Jepsen's happens-before): `a` returned strictly before `b` was
 * invoked. Equal stamps prove nothing on a coarse clock, so they do not count.
 */
export function happenedBefore(a: Operation, b: Operation): boolean {
  return a.returnTime !== undefined && a.returnTime < b.invokeTime;
}

/** Neither happened before the other: they may have run at the same time. */
export function concurrentOperations(a: Operation, b: Operation): boolean {
  return !happenedBefore(a, b) && !happenedBefore(b, a);
}

export function describeInterval(i: Interval): string {
  return `${i.actor} ${i.label} ${formatTime(i.start)}–${formatTime(i.end)}`;
}

export function intervalToJson(i: Interval): Json {
  return { actor: i.actor, label: i.label, start: i.start, end: timeToJson(i.end) };
}

/** Every overlapping pair, earliest first; `limit` keeps evidence small on a badly broken run. */
export function findOverlaps(intervals: readonly Interval[], limit = Infinity): Array<[Interval, Interval]> {
  const sorted = intervals.filter((i) => !isEmptyInterval(i)).sort((a, b) => a.start - b.start || a.end - b.end);
  const found: Array<[Interval, Interval]> = [];
  for (let i = 0; i < sorted.length && found.length < limit; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j]!.start < sorted[i]!.end; j++) {
      if (overlaps(sorted[i]!, sorted[j]!)) found.push([sorted[i]!, sorted[j]!]);
      if (found.length >= limit) break;
    }
  }
  return found;
}

export interface MarkPair {
  /** Label of the mark that opens an interval. Default `enter`. */
  enter?: string;
  /** Label of the mark that closes it. Default `exit`. */
  exit?: string;
}

function markLabel(op: Operation): string | undefined {
  const label = op.args?.['label'];
  return op.f === 'mark' && typeof label === 'string' ? label : undefined;
}

/**
 * Per actor, from each `enter` mark (its return) to that actor's next `exit` mark (its invoke).
 * An `enter` never closed stays open to the end. A stray `exit`, or a second `enter` while one is
 * open, is ignored: marks are the scenario's own annotations, not behaviour under test.
 */
export function markIntervals(operations: readonly Operation[], marks: MarkPair = {}): Interval[] {
  const enter = marks.enter ?? 'enter';
  const exit = marks.exit ?? 'exit';
  const label = `${enter}…${exit}`;
  const open = new Map<string, Interval>();
  const intervals: Interval[] = [];
  for (const op of operations) {
    const which = markLabel(op);
    if (which === enter && !open.has(op.actor) && op.returnTime !== undefined) {
      const interval: Interval = { actor: op.actor, label, start: op.returnTime, end: Infinity };
      open.set(op.actor, interval);
      intervals.push(interval);
    } else if (which === exit && open.has(op.actor)) {
      open.get(op.actor)!.end = op.invokeTime;
      open.delete(op.actor);
    }
  }
  return intervals;
}

/** Each matching operation from invoke to return (to the end if it never returned). */
export function operationIntervals(operations: readonly Operation[], select: (op: Operation) => boolean): Interval[] {
  return operations
    .filter(select)
    .map((op) => ({ actor: op.actor, label: describeCall(op), start: op.invokeTime, end: op.returnTime ?? Infinity }));
}

/** From an actor's first invoke to its last return; `undefined` if it recorded nothing. */
export function actorRunInterval(operations: readonly Operation[], actor: string): Interval | undefined {
  const own = operations.filter((op) => op.actor === actor);
  if (own.length === 0) return undefined;
  const last = own[own.length - 1]!;
  return { actor, label: 'run', start: own[0]!.invokeTime, end: last.returnTime ?? Infinity };
}

/** Run intervals of the named actors; an actor with no events is left out. */
export function actorRunIntervals(operations: readonly Operation[], actors: readonly string[]): Interval[] {
  return actors.flatMap((a) => {
    const run = actorRunInterval(operations, a);
    return run ? [run] : [];
  });
}

/** Serial: no two intervals overlap. `what` names them in the message, e.g. "runs of A, B". */
export function checkSerial(intervals: readonly Interval[], what = 'intervals'): Judgement {
  const pairs = findOverlaps(intervals, 5);
  if (pairs.length === 0) {
    return {
      ok: true,
      message: `${what} were serial: ${intervals.map(describeInterval).join('; ') || 'none recorded'}`,
    };
  }
  const [a, b] = pairs[0]!;
  return {
    ok: false,
    message: `${what} overlapped, expected serial: ${describeInterval(a)} overlaps ${describeInterval(b)}${pairs.length > 1 ? ` (${pairs.length}+ overlapping pairs)` : ''}`,
    evidence: { overlapping: pairs.map(([x, y]): Json => [intervalToJson(x), intervalToJson(y)]) },
  };
}

export type OverlapRequirement =
  /** Some moment when every interval was open at once (e.g. start all, then join all). */
  | 'all'
  /** At least two of them overlapped. */
  | 'any';

export function checkOverlapping(intervals: readonly Interval[], require: OverlapRequirement = 'all', what = 'intervals'): Judgement {
  const evidence: Json = { intervals: intervals.map(intervalToJson) };
  if (intervals.length < 2) {
    return { ok: false, message: `${what}: expected overlapping intervals but only ${intervals.length} recorded`, evidence };
  }
  if (require === 'any') {
    const pairs = findOverlaps(intervals, 1);
    if (pairs.length > 0) {
      return { ok: true, message: `${what} overlapped: ${describeInterval(pairs[0]![0])} overlaps ${describeInterval(pairs[0]![1])}`, evidence };
    }
    return { ok: false, message: `${what} never overlapped, expected some overlap: ${intervals.map(describeInterval).join('; ')}`, evidence };
  }
  // Intervals on a line that overlap pairwise share a common point, so one comparison decides.
  const latestStart = intervals.reduce((a, b) => (b.start > a.start ? b : a));
  const earliestEnd = intervals.reduce((a, b) => (b.end < a.end ? b : a));
  const empty = intervals.find(isEmptyInterval);
  if (!empty && latestStart.start < earliestEnd.end) {
    return {
      ok: true,
      message: `all ${intervals.length} ${what} were open at once, from ${formatTime(latestStart.start)} to ${formatTime(earliestEnd.end)}`,
      evidence,
    };
  }
  const why = empty
    ? `${describeInterval(empty)} is empty`
    : `${describeInterval(earliestEnd)} ended before ${describeInterval(latestStart)} began`;
  return { ok: false, message: `${what} were not all open at once: ${why}`, evidence };
}

/** "start-join-start-join is serial": the named actors' whole runs did not overlap. */
export function checkActorsSerial(history: readonly HistoryEvent[], actors: readonly string[]): Judgement {
  return judgeOperations(history, (ops) => {
    const missing = actors.filter((a) => !ops.some((op) => op.actor === a));
    if (missing.length > 0) return { ok: false, message: `no events recorded for ${missing.join(', ')}` };
    return checkSerial(actorRunIntervals(ops, actors), `runs of ${actors.join(', ')}`);
  });
}

/** "start all then join all overlaps": the named actors' whole runs overlapped. */
export function checkActorsOverlapping(
  history: readonly HistoryEvent[],
  actors: readonly string[],
  require: OverlapRequirement = 'all',
): Judgement {
  return judgeOperations(history, (ops) => {
    const missing = actors.filter((a) => !ops.some((op) => op.actor === a));
    if (missing.length > 0) return { ok: false, message: `no events recorded for ${missing.join(', ')}` };
    return checkOverlapping(actorRunIntervals(ops, actors), require, `runs of ${actors.join(', ')}`);
  });
}
