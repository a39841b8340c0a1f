import type { HistoryEvent, Operation } from '../scenario/history';
import type { Judgement } from '../../spec/claim';
import { describeOperation, operationToJson } from './describe';
import { judgeOperations } from './operations';

/**
 * An Event's answers against its flag: a wait or is_set that saw the flag false while the
 * history proves it set throughout, or true while it was certainly clear, is wrong. The flag is
 * certainly set over [a, b] when some set returned before a and every clear either returned
 * before that set began or began after b; certainly clear likewise (the start counts as a clear).
 */

function certainly(writers: readonly Operation[], undoers: readonly Operation[], from: number, to: number, initially: boolean): Operation | 'initial' | undefined {
  const clean = (w: { invokeTime: number }) => undoers.every((u) => (u.returnTime !== undefined && u.returnTime < w.invokeTime) || u.invokeTime > to);
  const found = writers.find((w) => w.returnTime !== undefined && w.returnTime < from && clean(w));
  if (found) return found;
  return initially && clean({ invokeTime: -Infinity }) ? 'initial' : undefined;
}

export function checkEventFlag(history: readonly HistoryEvent[], target: string): Judgement {
  return judgeOperations(history, (ops): Judgement => {
    const mine = ops.filter((o) => o.target === target);
    // A set or clear that never returned may or may not have taken effect; it stays in both lists.
    const sets = mine.filter((o) => o.f === 'set' && o.outcome !== 'fail');
    const clears = mine.filter((o) => o.f === 'clear' && o.outcome !== 'fail');
    const reads = mine.filter((o) => (o.f === 'wait' || o.f === 'is_set') && o.outcome === 'ok' && typeof o.value === 'boolean');
    for (const r of reads) {
      const returned = r.returnTime!;
      if (r.value === false) {
        const setBy = certainly(sets, clears, r.invokeTime, returned, false);
        if (setBy !== undefined && setBy !== 'initial') {
          return { ok: false, message: `${describeOperation(r)}, although the flag was set throughout (${describeOperation(setBy)}, no clear in between)`, evidence: { read: operationToJson(r), setBy: operationToJson(setBy) } };
        }
      } else {
        const clearedBy = certainly(clears, sets, r.invokeTime, returned, true);
        if (clearedBy !== undefined) {
          const why = clearedBy === 'initial' ? 'never set before it returned' : `cleared by ${describeOperation(clearedBy)}, no set in between`;
          return { ok: false, message: `${describeOperation(r)}, although the flag was clear throughout (${why})`, evidence: { read: operationToJson(r) } };
        }
      }
    }
    return { ok: true, message: `${reads.length} wait/is_set answer(s) on ${target} agree with its sets and clears` };
  });
}
