import type { Json } from '../scenario/model';
import type { HistoryEvent, Operation } from '../scenario/history';
import type { Judgement } from '../../spec/claim';
import { describeCall, describeOperation, formatTime, operationToJson } from './describe';
import { describeQuery, findOne, isFoundOperation, type OperationSelector } from './errors';
import { judgeOperations } from './operations';

/**
 * Blocking, judged against other events rather than the wall clock: "get returned only after
 * the put was invoked", "wait on a set event returned before the other actor's sleep ended".
 * Equal stamps pass either way: a coarse clock must never fail a correct implementation.
 * Timeouts get a lower bound with slack and never a tight upper bound (two noisy cores).
 */

export type EventPoint = 'invoke' | 'return';

/** A point in the history: when an operation was invoked or returned. */
export interface EventRef {
  op: OperationSelector;
  at: EventPoint;
}

function pointTime(op: Operation, at: EventPoint): number | undefined {
  return at === 'invoke' ? op.invokeTime : op.returnTime;
}

function describePoint(op: Operation, at: EventPoint): string {
  const t = pointTime(op, at);
  if (t === undefined) return `${op.actor} ${describeCall(op)} returned (it never did)`;
  return `${op.actor} ${describeCall(op)} ${at === 'invoke' ? 'was invoked' : 'returned'} at ${formatTime(t)}`;
}

function resolve(ops: readonly Operation[], subject: OperationSelector, reference: EventRef): { subject: Operation; reference: Operation } | Judgement {
  const s = findOne(ops, subject);
  if (!isFoundOperation(s)) return { ...s, message: `subject: ${s.message}` };
  const r = findOne(ops, reference.op);
  if (!isFoundOperation(r)) return { ...r, message: `reference: ${r.message}` };
  return { subject: s, reference: r };
}

function evidenceOf(subject: Operation, reference: Operation, at: EventPoint): Json {
  return { subject: operationToJson(subject), reference: operationToJson(reference), at };
}

/** The subject returned no earlier than the reference point: it blocked until then. */
export function checkReturnedAfter(history: readonly HistoryEvent[], subject: OperationSelector, reference: EventRef): Judgement {
  return judgeOperations(history, (ops) => {
    const found = resolve(ops, subject, reference);
    if (!('subject' in found)) return found;
    const { subject: s, reference: r } = found;
    const evidence = evidenceOf(s, r, reference.at);
    if (s.returnTime === undefined) {
      return { ok: false, message: `${describeOperation(s)}: it never returned, expected it to return after ${describePoint(r, reference.at)}`, evidence };
    }
    const t = pointTime(r, reference.at);
    if (t === undefined) {
      return { ok: false, message: `${describeOperation(s)} returned, but ${describeOperation(r)} never returned, so it did not wait for that return`, evidence };
    }
    if (s.returnTime < t) {
      return { ok: false, message: `${describeOperation(s)} returned at ${formatTime(s.returnTime)}, before ${describePoint(r, reference.at)}: it did not block until then`, evidence };
    }
    return { ok: true, message: `${describeOperation(s)} returned after ${describePoint(r, reference.at)}`, evidence };
  });
}

/** The subject returned no later than the reference point ("at once", relative to another actor). */
export function checkReturnedBefore(history: readonly HistoryEvent[], subject: OperationSelector, reference: EventRef): Judgement {
  return judgeOperations(history, (ops) => {
    const found = resolve(ops, subject, reference);
    if (!('subject' in found)) return found;
    const { subject: s, reference: r } = found;
    const evidence = evidenceOf(s, r, reference.at);
    if (s.returnTime === undefined) {
      return { ok: false, message: `${describeOperation(s)}: it never returned, expected it to return before ${describePoint(r, reference.at)}`, evidence };
    }
    const t = pointTime(r, reference.at) ?? Infinity;
    if (s.returnTime > t) {
      return { ok: false, message: `${describeOperation(s)} returned at ${formatTime(s.returnTime)}, after ${describePoint(r, reference.at)}: it blocked when it should have returned at once`, evidence };
    }
    return { ok: true, message: `${describeOperation(s)} returned before ${describePoint(r, reference.at)}`, evidence };
  });
}

export interface TimeoutExpectation {
  /** Milliseconds per scenario time unit (Scenario.timeUnitMs). */
  timeUnitMs: number;
  /** The timeout in time units; default: the operation's own `timeout` argument. */
  timeoutUnits?: number;
  /** Fraction of the timeout the wait may fall short by (clock and timer granularity). Default 0.1. */
  slack?: number;
  /** A generous upper bound in time units (e.g. 10× the timeout), when "it gave up" is part of the claim. */
  atMostUnits?: number;
}

/**
 * An operation that timed out (returned False, or raised Empty/Full/Timeout) waited about as
 * long as its timeout: at least `timeout × (1 − slack)`. The outcome itself is checked with
 * `checkReturned`/`checkFailedWith`.
 */
export function checkWaitedForTimeout(history: readonly HistoryEvent[], subject: OperationSelector, expectation: TimeoutExpectation): Judgement {
  return judgeOperations(history, (ops) => {
    const s = findOne(ops, subject);
    if (!isFoundOperation(s)) return s;
    const argument = s.args?.['timeout'];
    const units = expectation.timeoutUnits ?? (typeof argument === 'number' ? argument : undefined);
    if (units === undefined) return { ok: false, message: `${describeQuery(subject)} has no timeout argument and none was given to the check` };
    const timeoutMs = units * expectation.timeUnitMs;
    const minMs = timeoutMs * (1 - (expectation.slack ?? 0.1));
    const maxMs = expectation.atMostUnits === undefined ? Infinity : expectation.atMostUnits * expectation.timeUnitMs;
    const base = { subject: operationToJson(s), timeoutMs, minMs, maxMs: Number.isFinite(maxMs) ? maxMs : null };
    if (s.returnTime === undefined) {
      return { ok: false, message: `${describeOperation(s)}: it never returned despite a timeout of ${units} units (${formatTime(timeoutMs)})`, evidence: base };
    }
    const took = s.returnTime - s.invokeTime;
    const evidence: Json = { ...base, tookMs: took };
    if (took < minMs) {
      return { ok: false, message: `${describeOperation(s)} gave up after ${formatTime(took)}, short of its timeout of ${units} units (${formatTime(timeoutMs)}, at least ${formatTime(minMs)} allowed)`, evidence };
    }
    if (took > maxMs) {
      return { ok: false, message: `${describeOperation(s)} took ${formatTime(took)}, more than the generous bound of ${expectation.atMostUnits} units (${formatTime(maxMs)}) for a timeout of ${units} units`, evidence };
    }
    return { ok: true, message: `${describeOperation(s)} waited ${formatTime(took)} for a timeout of ${units} units (${formatTime(timeoutMs)})`, evidence };
  });
}
