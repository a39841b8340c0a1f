import type { Json } from '../scenario/model';
import type { ErrorName, HistoryEvent, Operation } from '../scenario/history';
import type { Judgement } from '../../spec/claim';
import { describeOperation, operationToJson } from './describe';
import { formatValue, jsonEqual } from './json-values';
import { judgeOperations, subjectOf } from './operations';

/**
 * Expected outcomes of specific operations: "releasing an unlocked Lock raises RuntimeError",
 * "get_nowait on an empty queue raises Empty", "acquire(blocking=False) returns False".
 */

export interface OperationQuery {
  actor?: string;
  f?: string;
  /** The object, or for start/join/is_alive the actor, the operation is about. */
  target?: string;
  /** Position in the actor's program (indices into nested `repeat` bodies); must match exactly. */
  path?: readonly number[];
  outcome?: Operation['outcome'];
  /** For marks: the label. */
  label?: string;
}

export type OperationSelector = OperationQuery | ((op: Operation) => boolean);

function matches(op: Operation, query: OperationQuery): boolean {
  if (query.actor !== undefined && op.actor !== query.actor) return false;
  if (query.f !== undefined && op.f !== query.f) return false;
  if (query.target !== undefined && subjectOf(op) !== query.target) return false;
  if (query.outcome !== undefined && op.outcome !== query.outcome) return false;
  if (query.label !== undefined && op.args?.['label'] !== query.label) return false;
  if (query.path !== undefined && (query.path.length !== op.path.length || query.path.some((x, i) => op.path[i] !== x))) return false;
  return true;
}

/** Operations selected by a query (every given field must match) or a predicate, in invoke order. */
export function findOperations(operations: readonly Operation[], selector: OperationSelector): Operation[] {
  return operations.filter((op) => (typeof selector === 'function' ? selector(op) : matches(op, selector)));
}

/** `A acquire(lock1) at [0, 2]`, for messages about what was looked for. */
export function describeQuery(selector: OperationSelector): string {
  if (typeof selector === 'function') return 'the selected operation';
  const q = selector;
  const call = `${q.f ?? 'any op'}${q.target !== undefined ? `(${q.target})` : q.label !== undefined ? `(${q.label})` : ''}`;
  return `${q.actor ?? 'any actor'}'s ${call}${q.path ? ` at [${q.path.join(', ')}]` : ''}${q.outcome ? ` (${q.outcome})` : ''}`;
}

/** Exactly one operation must match: an ambiguous query is a mistake in the claim, said plainly. */
export function findOne(operations: readonly Operation[], selector: OperationSelector): Operation | Judgement {
  const found = findOperations(operations, selector);
  if (found.length === 1) return found[0]!;
  return {
    ok: false,
    message:
      found.length === 0
        ? `no operation matches ${describeQuery(selector)}`
        : `${found.length} operations match ${describeQuery(selector)}, expected exactly one (give a path): ${found.slice(0, 3).map(describeOperation).join('; ')}`,
  };
}

/** Tells `findOne`'s two answers apart. */
export function isFoundOperation(x: Operation | Judgement): x is Operation {
  return 'outcome' in x;
}

function judgeEach(history: readonly HistoryEvent[], selector: OperationSelector, expected: string, holds: (op: Operation) => boolean): Judgement {
  return judgeOperations(history, (ops) => {
    const found = findOperations(ops, selector);
    if (found.length === 0) return { ok: false, message: `no operation matches ${describeQuery(selector)}; expected it to have ${expected}` };
    const wrong = found.filter((op) => !holds(op));
    const evidence: Json = { expected, operations: found.slice(0, 10).map(operationToJson) };
    if (wrong.length > 0) {
      return {
        ok: false,
        message: `expected ${describeQuery(selector)} to have ${expected}, but ${wrong.slice(0, 3).map(describeOperation).join('; ')}${wrong.length > 3 ? ` (${wrong.length} in all)` : ''}`,
        evidence,
      };
    }
    return { ok: true, message: `${found.length === 1 ? describeOperation(found[0]!) : `all ${found.length} matching operations ${expected}`}, as expected`, evidence };
  });
}

/** Every operation the selector matches (at least one) raised the normalised `error`. */
export function checkFailedWith(history: readonly HistoryEvent[], selector: OperationSelector, error: ErrorName): Judgement {
  return judgeEach(history, selector, `raised ${error}`, (op) => op.outcome === 'fail' && op.error === error);
}

/** Every operation the selector matches (at least one) returned `value` (structural equality). */
export function checkReturned(history: readonly HistoryEvent[], selector: OperationSelector, value: Json): Judgement {
  return judgeEach(history, selector, `returned ${formatValue(value)}`, (op) => op.outcome === 'ok' && jsonEqual(op.value ?? null, value));
}

/** Every operation the selector matches (at least one) returned normally, whatever the value. */
export function checkSucceeded(history: readonly HistoryEvent[], selector: OperationSelector): Judgement {
  return judgeEach(history, selector, 'returned normally', (op) => op.outcome === 'ok');
}
