import type { Json, QueueOrder, Scenario } from '../scenario/model';
import type { HistoryEvent, Operation } from '../scenario/history';
import type { Judgement } from '../../spec/claim';
import { describeOperation, operationToJson } from './describe';
import { happenedBefore } from './intervals';
import { comparePython, formatValue, valueKey } from './json-values';
import { isIncomplete, judgeOperations } from './operations';

/**
 * Queue discipline (FIFO, LIFO, priority) and conservation of items, judged only from
 * real-time order: a constraint is checked when the history proves both sides, e.g. for FIFO a
 * put that returned before another put was invoked must come out first. With one producer and
 * one consumer every pair is ordered, so the check is exact; with concurrency it never guesses.
 *
 * Items are identified by value. Order is checked only for items put exactly once; repeated
 * values are still counted by the conservation check.
 */

const PUTS = new Set(['put', 'put_nowait']);
const GETS = new Set(['get', 'get_nowait']);

interface QueueOps {
  /** Puts that returned, and puts that never completed (they may or may not have inserted). */
  puts: Operation[];
  gets: Operation[];
  /** A get that never completed may have removed an item nobody saw. */
  unresolvedGets: boolean;
}

function queueOps(ops: readonly Operation[], target: string): QueueOps {
  const mine = ops.filter((op) => op.target === target);
  return {
    puts: mine.filter((op) => PUTS.has(op.f) && (op.outcome === 'ok' || isIncomplete(op))),
    gets: mine.filter((op) => GETS.has(op.f) && op.outcome === 'ok'),
    unresolvedGets: mine.some((op) => GETS.has(op.f) && isIncomplete(op)),
  };
}

function itemOf(put: Operation): Json {
  return put.args?.['item'] ?? null;
}

function countBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    m.set(k, [...(m.get(k) ?? []), x]);
  }
  return m;
}

/** Multiset conservation: nothing came out that was not put; with `drained`, everything put came out. */
function conservation(q: QueueOps, target: string, drained: boolean): Judgement {
  const puts = countBy(q.puts, (p) => valueKey(itemOf(p)));
  const gets = countBy(q.gets, (g) => valueKey(g.value ?? null));
  const problems: string[] = [];
  const evidence: Json[] = [];
  for (const [key, got] of gets) {
    const put = puts.get(key) ?? [];
    if (got.length > put.length) {
      const item = formatValue(got[0]!.value ?? null);
      problems.push(
        put.length === 0
          ? `${item} came out (${describeOperation(got[0]!)}) but was never put`
          : `${item} came out ${got.length} times but was put ${put.length} time(s)`,
      );
      evidence.push({ problem: put.length === 0 ? 'invented' : 'duplicated', item: got[0]!.value ?? null, put: put.length, got: got.length });
    }
  }
  if (drained) {
    for (const [key, put] of puts) {
      const certain = put.filter((p) => p.outcome === 'ok');
      const got = gets.get(key)?.length ?? 0;
      if (got < certain.length) {
        const item = formatValue(itemOf(certain[0]!));
        problems.push(`${item} was put ${certain.length} time(s) (${describeOperation(certain[0]!)}) but came out ${got} time(s) though the queue was drained`);
        evidence.push({ problem: 'lost', item: itemOf(certain[0]!), put: certain.length, got });
      }
    }
  }
  const summary = `${q.puts.length} put, ${q.gets.length} got`;
  if (problems.length > 0) {
    return { ok: false, message: `items of ${target} not conserved (${summary}): ${problems.slice(0, 3).join('; ')}`, evidence: { conservation: evidence } };
  }
  return { ok: true, message: `${target}: nothing ${drained ? 'lost, ' : ''}invented or duplicated (${summary})` };
}

interface Tracked {
  item: Json;
  put: Operation;
  get?: Operation;
}

interface Violation {
  message: string;
  evidence: Json;
}

function side(t: Tracked): Json {
  return { item: t.item, put: operationToJson(t.put), get: t.get ? operationToJson(t.get) : null };
}

function gotText(t: Tracked): string {
  return t.get ? `came out in ${describeOperation(t.get)}` : 'never came out';
}

/**
 * The pair (`first` must leave before `second`) is violated if `second` left while `first` was
 * certainly inside and `first` left only afterwards, or never left at all.
 */
function mustLeaveFirst(first: Tracked, second: Tracked, why: string, q: QueueOps): Violation | undefined {
  if (!second.get) return undefined;
  const late = first.get ? happenedBefore(second.get, first.get) : !q.unresolvedGets;
  if (!late) return undefined;
  return {
    message: `${formatValue(second.item)} came out in ${describeOperation(second.get)}, while ${formatValue(first.item)} (${why}) was still inside; ${formatValue(first.item)} ${gotText(first)}`,
    evidence: { mustLeaveFirst: side(first), leftFirst: side(second), why },
  };
}

function orderViolations(q: QueueOps, order: QueueOrder): Violation[] {
  const putCounts = countBy(q.puts, (p) => valueKey(itemOf(p)));
  const getsByKey = countBy(q.gets, (g) => valueKey(g.value ?? null));
  const tracked: Tracked[] = [];
  for (const [key, puts] of putCounts) {
    const got = getsByKey.get(key) ?? [];
    if (puts.length !== 1 || got.length > 1) continue;
    tracked.push({ item: itemOf(puts[0]!), put: puts[0]!, ...(got[0] ? { get: got[0] } : {}) });
  }
  const violations: Violation[] = [];
  for (const t of tracked) {
    if (t.get && happenedBefore(t.get, t.put)) {
      violations.push({
        message: `${formatValue(t.item)} came out in ${describeOperation(t.get)} before it was put in ${describeOperation(t.put)}`,
        evidence: { cameOutBeforePut: side(t) },
      });
    }
  }
  for (const a of tracked) {
    for (const b of tracked) {
      if (a === b) continue;
      let v: Violation | undefined;
      if (order === 'fifo' && happenedBefore(a.put, b.put)) {
        v = mustLeaveFirst(a, b, `put earlier, by ${describeOperation(a.put)}`, q);
      } else if (order === 'lifo' && happenedBefore(a.put, b.put) && a.get && happenedBefore(b.put, a.get)) {
        v = mustLeaveFirst(b, a, `put later, by ${describeOperation(b.put)}`, q);
      } else if (order === 'priority' && b.get && happenedBefore(a.put, b.get)) {
        const cmp = comparePython(a.item, b.item);
        if (cmp !== undefined && cmp < 0) v = mustLeaveFirst(a, b, `smaller, put by ${describeOperation(a.put)}`, q);
      }
      if (v) violations.push(v);
    }
  }
  return violations;
}

export interface QueueOrderOptions {
  order: QueueOrder;
  /** The scenario emptied the queue: everything put must have come out. */
  drained?: boolean;
}

/** Queue discipline plus conservation of items for the queue `target`. */
export function checkQueueOrder(history: readonly HistoryEvent[], target: string, options: QueueOrderOptions): Judgement {
  return judgeOperations(history, (ops) => {
    const q = queueOps(ops, target);
    if (q.gets.length === 0) {
      return { ok: false, message: `${options.order.toUpperCase()} on ${target}: no get returned an item, nothing to judge` };
    }
    const conserved = conservation(q, target, options.drained ?? false);
    if (!conserved.ok) return conserved;
    const violations = orderViolations(q, options.order);
    const name = options.order === 'priority' ? 'priority order' : options.order.toUpperCase();
    if (violations.length > 0) {
      return {
        ok: false,
        message: `${name} violated on ${target}: ${violations[0]!.message}${violations.length > 1 ? ` (${violations.length} violations in all)` : ''}`,
        evidence: { order: options.order, violations: violations.slice(0, 5).map((v) => v.evidence) },
      };
    }
    const outSeq = [...q.gets].sort((x, y) => x.returnTime! - y.returnTime!).map((g) => formatValue(g.value ?? null));
    return { ok: true, message: `${name} held on ${target}: came out ${outSeq.slice(0, 12).join(', ')}${outSeq.length > 12 ? ', …' : ''}; ${conserved.message}` };
  });
}

/** Conservation only: nothing invented or duplicated, and with `drained` nothing lost. */
export function checkQueueConservation(history: readonly HistoryEvent[], target: string, options: { drained?: boolean } = {}): Judgement {
  return judgeOperations(history, (ops) => conservation(queueOps(ops, target), target, options.drained ?? false));
}

/** `checkQueueOrder` with the discipline taken from the scenario's declaration of `target`. */
export function checkScenarioQueueOrder(
  history: readonly HistoryEvent[],
  scenario: Pick<Scenario, 'objects'>,
  target: string,
  options: { drained?: boolean } = {},
): Judgement {
  const decl = scenario.objects[target];
  if (!decl || decl.type !== 'queue') return { ok: false, message: `${target} is not a queue in this scenario` };
  return checkQueueOrder(history, target, { order: decl.order ?? 'fifo', ...options });
}
