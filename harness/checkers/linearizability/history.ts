import type { Json } from '../../scenario/model';
import type { ErrorName, HistoryEvent, Operation } from '../../scenario/history';
import { isIncomplete, pairOperations } from '../operations';
import type { LinOperation } from './types';

/** What a model sees of an operation's invocation. */
export interface CallInput {
  f: string;
  target?: string;
  args: { [key: string]: Json };
}

/**
 * What a model sees of an operation's completion. `unknown`: it never completed (Jepsen's
 * `info`, or still running at the deadline), so it may or may not have taken effect.
 */
export type CallOutput =
  | { outcome: 'ok'; value?: Json }
  | { outcome: 'fail'; error?: ErrorName }
  | { outcome: 'unknown' };

export function isUnknownOutput(output: unknown): boolean {
  return (output as CallOutput | undefined)?.outcome === 'unknown';
}

function inputOf(op: Operation): CallInput {
  return { f: op.f, ...(op.target !== undefined ? { target: op.target } : {}), args: op.args ?? {} };
}

function outputOf(op: Operation): CallOutput {
  if (isIncomplete(op)) return { outcome: 'unknown' };
  if (op.outcome === 'fail') return op.error !== undefined ? { outcome: 'fail', error: op.error } : { outcome: 'fail' };
  return op.value !== undefined ? { outcome: 'ok', value: op.value } : { outcome: 'ok' };
}

/** The operations on `objectName` (or any of several names) of already paired operations. */
export function operationsOf(operations: readonly Operation[], objectName: string | readonly string[]): LinOperation[] {
  const names = new Set(typeof objectName === 'string' ? [objectName] : objectName);
  return operations
    .filter((op) => op.target !== undefined && names.has(op.target))
    .map((op, id) => ({
      id,
      actor: op.actor,
      input: inputOf(op),
      output: outputOf(op),
      call: op.invokeTime,
      return: isIncomplete(op) || op.returnTime === undefined ? Infinity : op.returnTime,
    }));
}

/**
 * The operations a scenario's recorded history holds on `objectName`. A malformed history is
 * refused (thrown), as every history checker refuses one: use `judgeOperations` + `operationsOf`
 * to get a judgement instead.
 */
export function operationsFromHistory(history: readonly HistoryEvent[], objectName: string | readonly string[]): LinOperation[] {
  const { operations, problems } = pairOperations(history);
  if (problems.length > 0) throw new Error(`malformed history: ${problems.map((p) => p.message).join('; ')}`);
  return operationsOf(operations, objectName);
}
