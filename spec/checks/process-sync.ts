import type { ScenarioCheck } from '../claim';
import { op, proc, procs, racyDecrement, scenario, withLock } from '../dsl';
import { all, checkEvery, expect, expectCompleted, expectReturnedAfter, expectValues, find, holds, operations } from '../judging';
import { checkOverlapping, markIntervals } from '../../harness/checkers/intervals';
import { checkCriticalSections, checkScenarioMutualExclusion } from '../../harness/checkers/mutual-exclusion';
import { checkQueueConservation, checkScenarioQueueOrder } from '../../harness/checkers/ordering';
import { mark, opsOf } from './marks';

/**
 * The documents' process examples of the synchronisation primitives and of queues between
 * processes (spec/lock.ts, spec/ipc.ts): every actor is its own OS process, every shared object
 * a process-level one.
 */

const running = { enter: 'running', exit: 'done' };

/** `n: pid is running`, a sleep, `n: pid is done`, as in 004's work(). */
const work = (units: number) => [op.mark('running'), op.sleep(units), op.mark('done')];

export const lockSerialisesProcesses: ScenarioCheck = checkEvery(
  [
    scenario("004: three processes print 'running'/'done' under one Lock", {
      objects: { lock: { type: 'lock' } },
      actors: procs('p', 3, (i) => withLock('lock', work(i))),
    }),
  ],
  (run, s) => {
    expectCompleted(run);
    holds(checkScenarioMutualExclusion(run.history, s, 'lock'));
    holds(checkCriticalSections(run.history, running));
  },
  "each process's running/done pair was uninterrupted: the processes ran one at a time",
  3,
);

/** Without the lock the same three processes overlap, and who goes first varies between runs. */
export const unorderedWithoutLock: ScenarioCheck = {
  type: 'scenario',
  repeat: 8,
  scenarios: [
    scenario("004: three processes print 'running'/'done' with no lock", {
      objects: {},
      actors: procs('p', 3, () => work(2)),
    }),
  ],
  judge: (runs) => {
    for (const run of runs.flat()) {
      const verdict = checkOverlapping(markIntervals(operations(run), running), 'any', "the processes' running…done sections");
      if (!verdict.ok) return verdict;
    }
    return { ok: true, message: 'in every run the processes interleaved their output' };
  },
  outcomes: {
    key: (run) =>
      operations(run)
        .filter((o) => o.f === 'mark' && o.args?.['label'] === 'running')
        .sort((a, b) => a.invokeTime - b.invokeTime)
        .map((o) => o.actor)
        .join(' '),
    grade: (key) => (key === 'p1 p2 p3' ? 'acceptable' : 'interesting'),
    mustSee: ['interesting'],
    describe: { acceptable: 'they began in actor order', interesting: 'they began in another order' },
  },
};

export const outputMixedWithoutLock: ScenarioCheck = checkEvery(
  [
    scenario('three processes each print a line in two halves, no lock', {
      objects: {},
      actors: procs('p', 3, () => [op.mark('line starts'), op.sleep(2), op.mark('line ends')]),
    }),
  ],
  (run) => {
    expectCompleted(run);
    holds(checkOverlapping(markIntervals(operations(run), { enter: 'line starts', exit: 'line ends' }), 'any', 'the lines of different processes'));
  },
  "one process's line was cut into by another's: the output was mixed",
  3,
);

export const oneWriterAtATime: ScenarioCheck = checkEvery(
  [
    scenario('five processes take a ticket each with read, sleep, write under one Lock', {
      objects: { lock: { type: 'lock' }, tickets: { type: 'cell', initial: 5 } },
      actors: procs('buyer', 5, () => withLock('lock', racyDecrement('tickets', 1))),
    }),
  ],
  (run, s) => {
    expectCompleted(run);
    holds(checkScenarioMutualExclusion(run.history, s, 'lock'));
    expect(run.final.cells.tickets === 0, `five decrements of 5 must leave 0, left ${run.final.cells.tickets}`);
  },
  'only one process modified the count at a time, and no update was lost',
  3,
);

export const lockVersusJoin: ScenarioCheck = checkEvery(
  [
    scenario('join: main starts and joins task1, task2, task3 in turn', {
      objects: {},
      actors: [
        proc('main', ['task1', 'task2', 'task3'].flatMap((t) => [op.start(t), op.join(t)])),
        ...['task1', 'task2', 'task3'].map((t, i) => proc(t, work(1 + (i % 2)), { start: 'manual' })),
      ],
    }),
    scenario('lock: task1, task2, task3 race for one Lock', {
      objects: { lock: { type: 'lock' } },
      actors: ['task1', 'task2', 'task3'].map((t, i) => proc(t, withLock('lock', work(1 + (i % 2))))),
    }),
  ],
  (run, s, i) => {
    expectCompleted(run);
    holds(checkCriticalSections(run.history, running));
    if (i === 0) {
      const order = ['task1', 'task2', 'task3'].map((t) => mark(run, t, 'running').invokeTime);
      expect(order[0] < order[1] && order[1] < order[2], 'join runs them in the order the code fixes');
    } else {
      holds(checkScenarioMutualExclusion(run.history, s, 'lock'));
    }
  },
  'both serialised the three tasks; join in the fixed order, the lock in whatever order they arrived',
  2,
);

export const rlockBetweenProcesses: ScenarioCheck = checkEvery(
  [
    scenario('000: three processes take a multiprocessing.RLock (twice, re-entrantly) around their work', {
      objects: { lock: { type: 'rlock' } },
      actors: procs('p', 3, () => [op.acquire('lock'), op.acquire('lock'), ...work(1), op.release('lock'), op.release('lock')]),
    }),
  ],
  (run, s) => {
    expectCompleted(run);
    expect(all(run, 'acquire').every((a) => a.value === true), 'every acquire, the re-entrant ones included, returned True');
    holds(checkScenarioMutualExclusion(run.history, s, 'lock'));
    holds(checkCriticalSections(run.history, running));
  },
  'the RLock was re-entrant for its owner and kept the three processes out of each other',
  2,
);

export const processQueueCarriesData: ScenarioCheck = checkEvery(
  [
    scenario('001: a child puts 123 and 456 on a multiprocessing.Queue, the parent gets them', {
      objects: { q: { type: 'queue' } },
      actors: [proc('main', [op.start('child'), op.get('q'), op.get('q')]), proc('child', [op.put('q', 123), op.put('q', 456)], { start: 'manual' })],
    }),
  ],
  (run, s) => {
    expectCompleted(run);
    expectValues(opsOf(run, 'main', 'get'), [123, 456], "the parent's gets");
    holds(checkScenarioQueueOrder(run.history, s, 'q', { drained: true }));
  },
  "the parent received the child's 123 then 456",
  2,
);

export const queueNeedsNoManualLock: ScenarioCheck = checkEvery(
  [
    scenario('three producers and three consumers share one queue without any lock', {
      objects: { q: { type: 'queue' } },
      actors: [
        ...procs('consumer', 3, () => [op.repeat(4, [op.get('q')])]),
        ...procs('producer', 3, (i) => [op.sleep(1), ...[0, 1, 2, 3].map((k) => op.put('q', `${i}-${k}`))]),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    holds(checkQueueConservation(run.history, 'q', { drained: true }));
    const firstGet = find(run, 'consumer1', 'get');
    const firstPut = all(run, 'put').sort((a, b) => a.invokeTime - b.invokeTime)[0];
    expectReturnedAfter(firstGet, firstPut, 'a get on the empty queue blocks until data arrives');
  },
  'every item was received exactly once with no lock in the program, and the first get waited for data',
);

export const qsizeOnLinux: ScenarioCheck = checkEvery(
  [
    scenario('Queue(3): two puts, then qsize()', {
      objects: { q: { type: 'queue', maxsize: 3 } },
      actors: [proc('main', [op.put('q', 1), op.put('q', 2), op.qsize('q')])],
    }),
  ],
  (run) => {
    expectCompleted(run);
    expectValues(all(run, 'qsize'), [2], 'qsize() on Linux');
  },
  'qsize() returned 2 (Linux implements it)',
);
