import type { Json } from '../../scenario/model';
import { describeCall, formatTime } from '../describe';
import { formatValue } from '../json-values';
import type { CallInput, CallOutput } from './history';
import type { LinOperation, SequentialModel } from './types';

function isCallInput(x: unknown): x is CallInput {
  return typeof x === 'object' && x !== null && typeof (x as CallInput).f === 'string';
}

function describeOutput(output: unknown): string {
  const o = output as CallOutput | undefined;
  switch (o?.outcome) {
    case 'ok':
      return o.value === undefined ? 'returned' : `returned ${formatValue(o.value)}`;
    case 'fail':
      return `raised ${o.error ?? 'an error'}`;
    case 'unknown':
      return 'never returned';
    default:
      return `→ ${formatValue(output as Json)}`;
  }
}

/** `B get(q) returned 3, 12–15ms`, through the model's own wording when it has one. */
export function describeLinOperation(op: LinOperation, model: SequentialModel<unknown>): string {
  const what = model.describeOperation
    ? model.describeOperation(op)
    : isCallInput(op.input)
      ? `${describeCall(op.input)} ${describeOutput(op.output)}`
      : `${formatValue(op.input as Json)} ${describeOutput(op.output)}`;
  const end = Number.isFinite(op.return) ? `–${formatTime(op.return)}` : '…';
  return `${op.actor} ${what}, ${formatTime(op.call)}${end}`;
}
