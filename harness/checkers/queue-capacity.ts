import type { HistoryEvent } from '../scenario/history';
import type { Judgement } from '../../spec/claim';
import { describeOperation, operationToJson } from './describe';
import { judgeOperations } from './operations';

/**
 * A Queue(maxsize) never holds more than maxsize items. Items certainly inside at time t: puts
 * that returned by t, less every get that returned an item and began by t (a get that took
 * one may have done so as early as its invoke). Checked just after each put returns.
 */

const PUTS = new Set(['put', 'put_nowait']);
const GETS = new Set(['get', 'get_nowait']);

export function checkQueueCapacity(history: readonly HistoryEvent[], target: string, maxsize: number): Judgement {
  return judgeOperations(history, (ops) => {
    if (maxsize < 1) return { ok: true, message: `${target} is unbounded` };
    const puts = ops.filter((o) => o.target === target && PUTS.has(o.f) && o.outcome === 'ok');
    const gets = ops.filter((o) => o.target === target && GETS.has(o.f) && o.outcome === 'ok');
    let peak = 0;
    for (const p of puts) {
      const t = p.returnTime!;
      const inside = puts.filter((x) => x.returnTime! <= t).length - gets.filter((g) => g.invokeTime <= t).length;
      peak = Math.max(peak, inside);
      if (inside > maxsize) {
        return {
          ok: false,
          message: `${target} (maxsize ${maxsize}) held ${inside} items when ${describeOperation(p)}: the put should have waited or raised Full`,
          evidence: { put: operationToJson(p), inside, maxsize },
        };
      }
    }
    return { ok: true, message: `${target} never certainly held more than ${peak} item(s) (maxsize ${maxsize})` };
  });
}
