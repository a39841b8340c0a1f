import type { Json } from '../scenario/model';
import type { Operation } from '../scenario/history';
import { formatValue } from './json-values';

/**
 * Human wording shared by every checker, so reports read the same whatever the check:
 * "A acquire(lock1) → true, 12.0–15.3ms".
 */

/** A recorded time; `Infinity` means "still open when the history ended". */
export function formatTime(ms: number): string {
  if (ms === Infinity) return 'the end of the history';
  return `${Number.isInteger(ms) ? ms : ms.toFixed(1)}ms`;
}

/** JSON has no Infinity: open ends are written as `null` in evidence. */
export function timeToJson(ms: number | undefined): Json {
  return ms === undefined || !Number.isFinite(ms) ? null : ms;
}

/** `acquire(lock1)`, `put(q, 3)`, `join(B)`, `mark(enter)` */
export function describeCall(op: Pick<Operation, 'f' | 'target' | 'args'>): string {
  const parts: string[] = [];
  if (op.target !== undefined) parts.push(op.target);
  const args = op.args ?? {};
  if (op.f === 'mark' && typeof args['label'] === 'string') parts.push(args['label']);
  if (op.f === 'join' && op.target === undefined && typeof args['actor'] === 'string') parts.push(args['actor']);
  if (typeof args['units'] === 'number') parts.push(String(args['units']));
  if ('item' in args) parts.push(formatValue(args['item']));
  if (args['timeout'] !== undefined && args['timeout'] !== null) parts.push(`timeout=${formatValue(args['timeout'])}`);
  return `${op.f}(${parts.join(', ')})`;
}

/** What the operation came to: `→ true`, `raised Empty`, `never returned`. */
export function describeOutcome(op: Operation): string {
  switch (op.outcome) {
    case 'ok':
      return op.value === undefined ? 'returned' : `→ ${formatValue(op.value)}`;
    case 'fail':
      return `raised ${op.error ?? 'an error'}`;
    case 'info':
      return `never completed${op.message ? ` (${op.message})` : ''}`;
    case 'pending':
      return 'never returned';
  }
}

/** `A put(q, 3) returned, 12–15ms` */
export function describeOperation(op: Operation): string {
  const end = op.returnTime === undefined ? '…' : `–${formatTime(op.returnTime)}`;
  return `${op.actor} ${describeCall(op)} ${describeOutcome(op)}, ${formatTime(op.invokeTime)}${end}`;
}

/** A compact JSON picture of an operation for evidence. */
export function operationToJson(op: Operation): Json {
  const json: { [key: string]: Json } = {
    actor: op.actor,
    f: op.f,
    invoked: op.invokeTime,
    returned: timeToJson(op.returnTime),
    outcome: op.outcome,
  };
  if (op.target !== undefined) json['target'] = op.target;
  if (op.path.length > 0) json['path'] = op.path;
  if (op.value !== undefined) json['value'] = op.value;
  if (op.error !== undefined) json['error'] = op.error;
  return json;
}

/** "a, b and c" */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
