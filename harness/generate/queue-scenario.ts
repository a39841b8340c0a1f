import * as fc from 'fast-check';
import type { Actor, Op, QueueOrder, Scenario } from '../scenario/model';
import { actorsOf, blocks, generatedScenario, pause } from './frame';

/**
 * Scenarios on one Queue, LifoQueue or PriorityQueue `q`, unbounded or with maxsize 1 to 3. Two
 * to four actors each put and get in any mix: puts with a timeout, without one (unbounded
 * queues only, where a put never waits) or put_nowait; gets with a timeout or get_nowait;
 * qsize/empty/full; sleeps. Every op that can wait has a timeout, so the scenarios cannot hang
 * on a correct queue. Items are distinct, so the order checks can tell them apart; for a
 * priority queue they are `(priority, data)` pairs put in no particular order of priority.
 */

const q = 'q';
/** Stand-in for the item a put will carry, numbered once the whole scenario is drawn. */
const ITEM = '?';

function queueStep(bounded: boolean): fc.Arbitrary<Op[]> {
  const timeout = fc.integer({ min: 0, max: 4 });
  const steps: fc.WeightedArbitrary<Op[]>[] = [
    { arbitrary: timeout.map((t): Op[] => [{ op: 'put', target: q, item: ITEM, timeout: t }]), weight: 3 },
    { arbitrary: fc.constant<Op[]>([{ op: 'put_nowait', target: q, item: ITEM }]), weight: 2 },
    { arbitrary: fc.integer({ min: 0, max: 6 }).map((t): Op[] => [{ op: 'get', target: q, timeout: t }]), weight: 3 },
    { arbitrary: fc.constant<Op[]>([{ op: 'get_nowait', target: q }]), weight: 2 },
    { arbitrary: fc.constantFrom<Op[]>([{ op: 'qsize', target: q }], [{ op: 'empty', target: q }], [{ op: 'full', target: q }]), weight: 1 },
    { arbitrary: pause(3).map((p) => [p]), weight: 2 },
  ];
  if (!bounded) steps.push({ arbitrary: fc.constant<Op[]>([{ op: 'put', target: q, item: ITEM }]), weight: 2 });
  return fc.oneof(...steps);
}

/** Numbers the items in drawing order: `a1:3`; for priority, the documents' `(priority, data)` with distinct priorities out of order (7919 is prime to 1009). */
function numberItems(actors: Actor[], order: QueueOrder): Actor[] {
  let n = 0;
  return actors.map((a) => ({
    ...a,
    ops: a.ops.map((o) => {
      if ((o.op !== 'put' && o.op !== 'put_nowait') || o.item !== ITEM) return o;
      n++;
      return { ...o, item: order === 'priority' ? [(n * 7919) % 1009, `${a.name}:${n}`] : `${a.name}:${n}` };
    }),
  }));
}

export function queueScenarios(order: QueueOrder): fc.Arbitrary<Scenario> {
  const name = { fifo: 'Queue', lifo: 'LifoQueue', priority: 'PriorityQueue' }[order];
  return fc.integer({ min: 0, max: 3 }).chain((maxsize) =>
    actorsOf(blocks(queueStep(maxsize > 0), { min: 2, max: 6 }), { min: 2, max: 4 }).map((actors) =>
      generatedScenario(`${name}(maxsize=${maxsize})`, { [q]: { type: 'queue', order, maxsize } }, numberItems(actors, order)),
    ),
  );
}
