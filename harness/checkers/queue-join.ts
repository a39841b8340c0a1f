import type { HistoryEvent } from '../scenario/history';
import type { Judgement } from '../../spec/claim';
import { describeOperation, operationToJson } from './describe';
import { judgeOperations } from './operations';

/**
 * Queue.join returns only once every item put so far is marked done: when a join returns, the
 * successful task_done calls begun by then are at least the puts that returned before it began
 * (the unfinished count was zero at some moment inside the join).
 */

export function checkJoinWaitsForTaskDone(history: readonly HistoryEvent[], target: string): Judgement {
  return judgeOperations(history, (ops) => {
    const mine = ops.filter((o) => o.target === target);
    const puts = mine.filter((o) => (o.f === 'put' || o.f === 'put_nowait') && o.outcome === 'ok');
    const dones = mine.filter((o) => o.f === 'task_done' && o.outcome === 'ok');
    const joins = mine.filter((o) => o.f === 'join_queue' && o.outcome === 'ok');
    for (const j of joins) {
      const owed = puts.filter((p) => p.returnTime! < j.invokeTime).length;
      const done = dones.filter((d) => d.invokeTime < j.returnTime!).length;
      if (done < owed) {
        return {
          ok: false,
          message: `${describeOperation(j)} with ${owed} item(s) put before it began but only ${done} task_done call(s) begun by its return`,
          evidence: { join: operationToJson(j), owed, done },
        };
      }
    }
    return { ok: true, message: `${joins.length} join(s) on ${target}, each after every earlier item was done` };
  });
}
