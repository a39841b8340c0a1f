import type { ScenarioCheck } from '../claim';
import { checkEvery, expect, expectCompleted } from '../judging';
import { expectCleanExit, programScenario, records, transcript, type Transcript } from './transcript';

/** The documents' producer-consumer programs (004, 003 §25, 002) and what a child copies. */

/** Every produced item was consumed exactly once. */
function expectExactlyOnce(t: Transcript, produced: readonly unknown[]): void {
  const consumed = records(t, 'consume').map((r) => JSON.stringify(r.item)).sort();
  const expected = produced.map((item) => JSON.stringify(item)).sort();
  expect(JSON.stringify(consumed) === JSON.stringify(expected), `every item consumed exactly once: produced ${expected.length}, consumed ${JSON.stringify(consumed)}`);
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

export const firstVersionNeverEnds: ScenarioCheck = checkEvery(
  [programScenario('004 第一版: one producer, five consumers looping on get() forever', 'producer-consumer-v1', { consumers: 5, items: 10 }, { timeout: 30 })],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expect(t.timedOut, 'the program never ended by itself: it was stopped at its timeout');
    expect(records(t, 'producer-done').length === 1, 'the producer finished');
    expectExactlyOnce(t, range(0, 10));
  },
  'the producer finished and all ten items were consumed, yet the program never ended: the consumers stayed blocked in get()',
);

const sentinel = (title: string, args: { consumers: number; sentinels?: number; items?: (number | null)[] }, timeout?: number) =>
  programScenario(title, 'producer-consumer-sentinel', args, timeout === undefined ? {} : { timeout });

export const sentinelEndsConsumer: ScenarioCheck = checkEvery(
  [sentinel('004 第二版 with one consumer and one None', { consumers: 1, items: [1, 2, 3] })],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    expectExactlyOnce(t, [1, 2, 3]);
    expect(records(t, 'consumer-ends').length === 1, 'the consumer broke out of its loop on None');
  },
  'the consumer ended on the None after the data, and the program finished',
);

export const oneSentinelPerConsumer: ScenarioCheck = checkEvery(
  [sentinel('004 第二版: five consumers, five Nones', { consumers: 5 }), sentinel('five consumers, only three Nones', { consumers: 5, sentinels: 3 }, 30)],
  (run, _s, i) => {
    expectCompleted(run);
    const t = transcript(run);
    expectExactlyOnce(t, range(1, 10));
    if (i === 0) {
      expectCleanExit(t);
      expect(records(t, 'consumer-ends').length === 5, 'each consumer took one None and ended');
    } else {
      expect(t.timedOut && records(t, 'consumer-ends').length === 3, 'with three Nones three consumers ended and two blocked forever');
    }
  },
  'one None per consumer ends them all; with fewer, the rest block forever',
);

export const falsySentinel: ScenarioCheck = checkEvery(
  [sentinel('`if not data:` fed 1, 0, 2, None', { consumers: 1, items: [1, 0, 2] })],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    expect(JSON.stringify(records(t, 'consume').map((r) => r.item)) === '[1]', 'only 1 was consumed');
    expect(records(t, 'consumer-ends')[0]?.item === 0, 'the consumer stopped at 0, not at None; 2 was never consumed');
  },
  'the falsy test stopped the consumer at the item 0, leaving 2 unconsumed',
);

const joinable = programScenario('004 第三版: three producers join a JoinableQueue, five daemonic consumers', 'producer-consumer-joinable', { producers: 3, consumers: 5, perProducer: 4 });
const joinableItems = range(0, 3).flatMap((p) => range(1, 5).map((i) => `${p}-${i}`));

export const joinableDaemonConsumers: ScenarioCheck = checkEvery(
  [joinable],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    expectExactlyOnce(t, joinableItems);
    const joined = records(t, 'producer-joined');
    expect(joined.length === 3, 'every producer came back from join()');
    for (const j of joined) {
      const own = records(t, 'consume').filter((r) => String(r.item).startsWith(`${j.producer}-`));
      expect(own.length === 4 && own.every((r) => r.time < j.time), `producer ${j.producer}'s join() returned only after its items had been processed`);
    }
    expect(records(t, 'main-ends')[0].time > Math.max(...joined.map((r) => r.time)), 'main ended after joining the producers');
  },
  'each producer returned once its items were processed, main ended, and the daemonic consumers were stopped with it',
);

export const manyProducersManyConsumers: ScenarioCheck = checkEvery(
  [joinable],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    expectExactlyOnce(t, joinableItems);
  },
  'twelve items from three producers were each consumed exactly once by five consumers, and every process ended',
);

export const consumerGetTimeout: ScenarioCheck = checkEvery(
  [programScenario('003 §25: a consumer with get(timeout=5)', 'producer-consumer-timeout', { items: 5, patience: 5 })],
  (run, s) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    expect(records(t, 'consume').length === 5, 'the consumer ate all five');
    const gaveUp = records(t, 'consumer-gives-up')[0];
    expect(gaveUp?.error === 'Empty', 'then gave up with queue.Empty');
    const lastConsume = Math.max(...records(t, 'consume').map((r) => r.time));
    expect(gaveUp.time - lastConsume >= 5 * s.timeUnitMs * 0.9, 'after waiting its 5 seconds with nothing arriving');
  },
  'the consumer gave up with queue.Empty 5 seconds after the last item, once the producer was done',
);

export const passedQueueIsTheSame: ScenarioCheck = checkEvery(
  [programScenario('002 (3): a module-global Queue(5) passed to the producer and three consumers', 'producer-consumer-passed-queue', { items: 10, consumers: 3 }, { timeout: 30 })],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expect(t.timedOut, 'the consumers loop forever, so the program never ends');
    expectExactlyOnce(t, range(0, 10));
  },
  "every item the producer put reached a consumer through the queue they were given",
);

const copies = programScenario('a child changes a global and a list it was given', 'copy-semantics');

export const childCopies: ScenarioCheck = checkEvery(
  [copies],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    expect(records(t, 'child-sees')[0]?.x === 0 && records(t, 'parent-sees')[0]?.x === 100, 'the child set x = 0 in its memory; the parent still has 100');
    expect(JSON.stringify(records(t, 'child-list')[0]?.list) === '[1,99]' && JSON.stringify(records(t, 'parent-list')[0]?.list) === '[1]', "the child appended to its copy of the list; the parent's is unchanged");
  },
  "the child's changes to a global and to its argument stayed in the child",
);
