import * as fc from 'fast-check';
import type { Actor, Op, Scenario } from '../scenario/model';
import { generatedScenario, pause } from './frame';

/**
 * Scenarios on task accounting of an unbounded Queue `q`: producers put items, consumers take
 * exactly as many as were put (blocking gets) and call task_done after each, a joiner calls
 * join, and stray task_done calls sit anywhere. Why it cannot hang: after the last moment the
 * unfinished count is zero, every item put later is also taken and marked done later, so the
 * count ends at zero and join returns; every get has an item to take.
 */

const q = 'q';

export function joinableQueueScenarios(): fc.Arbitrary<Scenario> {
  const stray = fc.boolean().map((b): Op[] => (b ? [{ op: 'task_done', target: q }] : []));
  const producer = fc.array(pause(2), { minLength: 1, maxLength: 3 });
  // A consumer works on each item a while before task_done: the stretch in which join must still wait.
  const work = fc.integer({ min: 1, max: 3 }).map((units): Op => ({ op: 'sleep', units }));
  const consumerShape = fc.tuple(stray, fc.array(work, { minLength: 1, maxLength: 3 }));
  return fc
    .record({
      producers: fc.array(producer, { minLength: 1, maxLength: 2 }),
      consumers: fc.array(consumerShape, { minLength: 1, maxLength: 2 }),
      joiner: fc.tuple(pause(3), stray, stray),
    })
    .map(({ producers, consumers, joiner }) => {
      let item = 0;
      const actors: Actor[] = producers.map((pauses, i) => ({
        name: `p${i + 1}`,
        kind: 'thread',
        ops: pauses.flatMap((p): Op[] => [p, { op: 'put', target: q, item: ++item }]),
      }));
      // Gets are dealt round-robin so the consumers take exactly the items put.
      const gets = consumers.map(() => 0);
      for (let k = 0; k < item; k++) gets[k % consumers.length]!++;
      consumers.forEach(([strayOps, pauses], i) => {
        const ops: Op[] = [...strayOps];
        for (let k = 0; k < gets[i]!; k++) ops.push({ op: 'get', target: q }, pauses[k % pauses.length]!, { op: 'task_done', target: q });
        actors.push({ name: `c${i + 1}`, kind: 'thread', ops: ops.length > 0 ? ops : [{ op: 'sleep', units: 0 }] });
      });
      const [wait, before, after] = joiner;
      actors.push({ name: 'joiner', kind: 'thread', ops: [...before, wait, { op: 'join_queue', target: q }, ...after] });
      return generatedScenario('Queue task_done/join', { [q]: { type: 'queue', joinable: true } }, actors);
    });
}
