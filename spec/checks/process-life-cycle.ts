import type { ScenarioCheck } from '../claim';
import { op, proc, scenario, thread } from '../dsl';
import { all, checkEvery, expect, expectBefore, expectCompleted, expectError, expectReturnedAfter, expectValue, expectValues, expectWaited, find, holds, operations } from '../judging';
import { checkOverlapping, checkSerial, operationIntervals } from '../../harness/checkers/intervals';
import { expectCutShort, expectNoMark, mark, marks, opsOf } from './marks';

/**
 * Checks of the process life-cycle claims (spec/process.ts): real child processes started,
 * joined, terminated and ended by the scenario's own `main` process. Judged from order and
 * overlap only; children's work is scaled-down sleeps.
 */

const sleepOf = (actor: string) => (o: { actor: string; f: string }) => o.actor === actor && o.f === 'sleep';

/**
 * The documents' seconds as 200 ms: a child process needs ~100 ms to boot, and timing claims
 * that compare children's work must not be decided by boot jitter.
 */
const SECOND_MS = 250;

export const startReturnsAtOnce: ScenarioCheck = checkEvery(
  [
    // The child runs only once main has printed after start(): a start() that waited for the
    // child to run would never return. (Whether a child that need not wait runs before or after
    // its parent's next line is up to the scheduler: under fork on a busy machine, either.)
    scenario('main starts a child and prints; the child waits for that', {
      objects: { printed: { type: 'event' } },
      actors: [proc('main', [op.start('child'), op.mark('===主进程'), op.set('printed')]), proc('child', [op.wait('printed'), op.mark('is running')], { start: 'manual' })],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const started = find(run, 'main', 'start');
    expectValue(started, null);
    expectBefore(started, mark(run, 'child', 'is running'), 'start() returns before the child has run');
    expectBefore(mark(run, 'main', '===主进程'), mark(run, 'child', 'is running'), 'the parent goes on before the child has run');
  },
  "start() returned and main printed '===主进程' without waiting for the child, which ran after",
  5,
);

/** Five children started one after another; the key is the order in which they first ran. */
export const startOrderNotFixed: ScenarioCheck = {
  type: 'scenario',
  // CPython forks each child in a few ms and a child's first line often comes before the next
  // fork: about half of the runs keep start order there, so a handful of runs is not enough.
  repeat: 8,
  scenarios: [
    scenario('main starts p1..p5 one after another', {
      // Five processes started by an op each: room for slow start-up on a loaded machine.
      deadlineUnits: 400,
      objects: {},
      actors: [
        proc('main', ['p1', 'p2', 'p3', 'p4', 'p5'].map((p) => op.start(p))),
        ...['p1', 'p2', 'p3', 'p4', 'p5'].map((p) => proc(p, [op.mark('is running')], { start: 'manual' })),
      ],
    }),
  ],
  outcomes: {
    key: (run) =>
      operations(run)
        .filter((o) => o.f === 'mark' && o.outcome === 'ok')
        .sort((a, b) => a.invokeTime - b.invokeTime)
        .map((o) => o.actor)
        .join(' '),
    grade: (key) => (key === 'p1 p2 p3 p4 p5' ? 'acceptable' : key.split(' ').length === 5 ? 'interesting' : 'forbidden'),
    mustSee: ['interesting'],
    describe: { acceptable: 'the children ran in start order', interesting: 'a child started later ran first', forbidden: 'a child never ran' },
  },
};

export const joinWaits: ScenarioCheck = checkEvery(
  [
    scenario('main joins a child that sleeps', {
      objects: {},
      actors: [
        proc('main', [op.start('p'), op.join('p'), op.mark('===主进程')]),
        proc('p', [op.sleep(2), op.mark('李业 is running')], { start: 'manual' }),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const child = mark(run, 'p', '李业 is running');
    expectReturnedAfter(find(run, 'main', 'join'), child, 'join() returns only after the child has ended');
    expectBefore(child, mark(run, 'main', '===主进程'), "main prints after the child's last line");
  },
  'join() returned only after the child had finished',
  3,
);

export const joinTimeout: ScenarioCheck = checkEvery(
  [
    scenario('join(timeout=1) on a child that works for 6', {
      objects: {},
      actors: [
        proc('main', [op.start('p'), op.join('p', 1), op.isAlive('p'), op.exitcode('p'), op.join('p'), op.isAlive('p'), op.exitcode('p')]),
        proc('p', [op.sleep(6), op.mark('done')], { start: 'manual' }),
      ],
    }),
  ],
  (run, s) => {
    expectCompleted(run);
    const [timed, full] = all(run, 'join');
    const done = mark(run, 'p', 'done');
    expectWaited(timed, 1, s);
    expectBefore(timed, done, 'join(1) gives up before the child ends');
    expectValues(all(run, 'is_alive'), [true, false], 'is_alive() after join(1), then after join()');
    expectValues(all(run, 'exitcode'), [null, 0], 'exitcode after join(1), then after join()');
    expectReturnedAfter(full, done, 'join() without a timeout waits for the end');
  },
  'join(1) returned after its timeout with the child alive (exitcode None); join() waited for the end (exitcode 0)',
);

const sleepers = (names: string[]) => names.map((p, i) => proc(p, [op.sleep(i + 1), op.mark(`${p} is running`)], { start: 'manual' }));

export const startAllThenJoinOverlaps: ScenarioCheck = checkEvery(
  [
    scenario('start p1, p2, p3 (1, 2, 3 units), then join all', {
      timeUnitMs: SECOND_MS,
      deadlineUnits: 60,
      objects: {},
      actors: [proc('main', [op.start('p1'), op.start('p2'), op.start('p3'), op.join('p1'), op.join('p2'), op.join('p3'), op.mark('===主进程')]), ...sleepers(['p1', 'p2', 'p3'])],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const ops = operations(run);
    // 'any', not 'all': a child booting late (a loaded machine) may start after the 1-unit one has
    // ended; the point is that the children ran at the same time, not one after another.
    holds(checkOverlapping(operationIntervals(ops, (o) => o.f === 'sleep' && o.actor !== 'main'), 'any', "the children's sleeps"));
    expectReturnedAfter(find(run, 'main', 'join', 2), mark(run, 'p3', 'p3 is running'), 'main waits for the last child');
  },
  'the children slept at the same time, so the whole did not take the sum of their sleeps',
  2,
);

export const startJoinEachIsSerial: ScenarioCheck = checkEvery(
  [
    scenario('start p1, join p1, start p2, join p2, start p3, join p3', {
      timeUnitMs: SECOND_MS,
      deadlineUnits: 60,
      objects: {},
      actors: [proc('main', [op.start('p1'), op.join('p1'), op.start('p2'), op.join('p2'), op.start('p3'), op.join('p3'), op.mark('===主进程')]), ...sleepers(['p1', 'p2', 'p3'])],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const ops = operations(run);
    const sleeps = ['p1', 'p2', 'p3'].map((p) => operationIntervals(ops, sleepOf(p))[0]);
    holds(checkSerial(sleeps, "the children's sleeps"));
    expect(sleeps[0].end <= sleeps[1].start && sleeps[1].end <= sleeps[2].start, 'the children ran in the order they were started and joined');
  },
  'each child ran only after the previous one had been joined: 1 + 2 + 3 units one after another',
);

export const terminateNotImmediate: ScenarioCheck = checkEvery(
  [
    scenario('terminate a working child, then join it', {
      objects: { running: { type: 'event' } },
      actors: [
        proc('main', [op.start('p'), op.wait('running'), op.sleep(2), op.terminate('p'), op.isAlive('p'), op.join('p'), op.isAlive('p'), op.exitcode('p')]),
        proc('p', [op.mark('run 开始'), op.set('running'), op.sleep(20), op.mark('run 结束')], { start: 'manual' }),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    mark(run, 'p', 'run 开始');
    expectNoMark(run, 'p', 'run 结束', 'terminate() abandons the unfinished task');
    // On a loaded machine the child may be terminated even before its sleep began.
    for (const s of opsOf(run, 'p', 'sleep')) expectCutShort(s, "the child's work is cut off");
    expectValue(find(run, 'main', 'is_alive', 1), false);
    expectValue(find(run, 'main', 'exitcode'), -15);
  },
  'the terminated child never finished its work; after join() it was dead with exitcode -15 (SIGTERM)',
);

export const terminatedDeadAfterWait: ScenarioCheck = checkEvery(
  [
    scenario("004's is_alive listing: five children, the odd ones terminated", {
      deadlineUnits: 400,
      objects: {},
      actors: [
        proc('main', [
          ...[0, 1, 2, 3, 4].map((i) => op.start(`进程${i}`)),
          op.terminate('进程1'),
          op.terminate('进程3'),
          op.sleep(3),
          ...[0, 1, 2, 3, 4].map((i) => op.isAlive(`进程${i}`)),
          op.mark('主进程执行完毕'),
        ]),
        ...[0, 1, 2, 3, 4].map((i) => proc(`进程${i}`, [op.sleep(10), op.mark(`进程${i}`)], { start: 'manual' })),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    expectValues(all(run, 'is_alive'), [true, false, true, false, true], 'is_alive() of 进程0..4 three units after terminating 1 and 3');
    for (const i of [0, 2, 4]) expectBefore(mark(run, 'main', '主进程执行完毕'), mark(run, `进程${i}`, `进程${i}`), 'the others finish after main');
    for (const i of [1, 3]) expectNoMark(run, `进程${i}`, `进程${i}`, 'a terminated child never finishes');
  },
  '进程1 and 进程3 were dead three units after terminate(), the others alive; only the others printed',
);

const daemonChildren = ['进程0', '进程1', '进程2'];

export const daemonEndsWithMainCode: ScenarioCheck = checkEvery(
  [
    scenario('main starts three daemonic children and ends while they sleep', {
      objects: { running: { type: 'semaphore', value: 0 } },
      actors: [
        proc('main', [...daemonChildren.map((p) => op.start(p)), ...daemonChildren.map(() => op.acquire('running')), op.sleep(1), op.mark('主进程执行完毕')]),
        ...daemonChildren.map((p) => proc(p, [op.mark('started'), op.release('running'), op.sleep(20), op.mark(p)], { start: 'manual', daemon: true })),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const end = mark(run, 'main', '主进程执行完毕');
    for (const p of daemonChildren) {
      expectNoMark(run, p, p, 'a daemonic child is terminated when the main code ends');
      for (const s of opsOf(run, p, 'sleep')) {
        expectCutShort(s, 'its sleep is cut off');
        expect((s.returnTime ?? Infinity) >= end.invokeTime, 'cut off only after main ended');
      }
    }
  },
  'the daemonic children were terminated as soon as main finished, in the middle of their work',
);

export const daemonNoChildren: ScenarioCheck = checkEvery(
  [
    scenario('a daemonic child tries to start a child of its own', {
      objects: {},
      actors: [
        proc('main', [op.start('d'), op.join('d')]),
        proc('d', [op.start('grandchild'), op.mark('after start')], { start: 'manual', daemon: true }),
        proc('grandchild', [op.mark('grandchild runs')], { start: 'manual' }),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const attempt = find(run, 'd', 'start');
    expectError(attempt, 'AssertionError');
    expect(attempt.message === 'daemonic processes are not allowed to have children', `the message is CPython's, got "${attempt.message}"`);
    expect(marks(run, 'grandchild', 'grandchild runs').length === 0, 'the grandchild never ran');
  },
  "start() in a daemonic process raised AssertionError('daemonic processes are not allowed to have children')",
);

/** The contested comparison: the same program with processes and with threads. */
export const daemonProcessVersusThread: ScenarioCheck = checkEvery(
  // The daemonic child starts its 2 only once the plain child is up (`plainUp`): main then ends
  // within moments, so however slowly the children boot, main ends while the daemon sleeps.
  [
    scenario('processes: main starts a daemonic child (2) and a plain child (6), then ends', {
      timeUnitMs: SECOND_MS,
      deadlineUnits: 60,
      objects: { running: { type: 'semaphore', value: 0 }, plainUp: { type: 'event' } },
      actors: [
        proc('main', [op.start('daemonic'), op.start('plain'), op.acquire('running'), op.acquire('running'), op.mark('main ends')]),
        proc('daemonic', [op.release('running'), op.wait('plainUp'), op.sleep(2), op.mark('daemonic prints')], { start: 'manual', daemon: true }),
        proc('plain', [op.set('plainUp'), op.release('running'), op.sleep(6), op.mark('plain prints')], { start: 'manual' }),
      ],
    }),
    scenario('threads: the same program with threads', {
      timeUnitMs: SECOND_MS,
      deadlineUnits: 60,
      objects: { running: { type: 'semaphore', value: 0 }, plainUp: { type: 'event' } },
      actors: [
        thread('main', [op.start('daemonic'), op.start('plain'), op.acquire('running'), op.acquire('running'), op.mark('main ends')]),
        thread('daemonic', [op.release('running'), op.wait('plainUp'), op.sleep(2), op.mark('daemonic prints')], { start: 'manual', daemon: true }),
        thread('plain', [op.set('plainUp'), op.release('running'), op.sleep(6), op.mark('plain prints')], { start: 'manual' }),
      ],
    }),
  ],
  (run, _s, i) => {
    expectCompleted(run);
    mark(run, 'plain', 'plain prints');
    if (i === 0) expectNoMark(run, 'daemonic', 'daemonic prints', 'a daemonic process dies with the main code, though a plain child still runs');
    else mark(run, 'daemonic', 'daemonic prints');
  },
  'with processes only the plain child printed; with threads the daemon printed too (it lives until the last non-daemon thread ends)',
);

export const nonDaemonOutlivesMainCode: ScenarioCheck = checkEvery(
  [
    scenario("004: five plain children sleep 2, main prints '主进程执行完毕' at once", {
      // The documents' seconds: starting five processes one after another (a fork each in
      // CPython, tens of ms on a loaded machine) must stay small beside the children's sleep.
      timeUnitMs: SECOND_MS,
      deadlineUnits: 60,
      objects: {},
      actors: [
        proc('main', [...[0, 1, 2, 3, 4].map((i) => op.start(`进程${i}`)), op.mark('主进程执行完毕')]),
        ...[0, 1, 2, 3, 4].map((i) => proc(`进程${i}`, [op.sleep(2), op.mark(`进程${i}`)], { start: 'manual' })),
      ],
    }),
  ],
  (run) => {
    expectCompleted(run);
    const last = mark(run, 'main', '主进程执行完毕');
    for (const i of [0, 1, 2, 3, 4]) expectBefore(last, mark(run, `进程${i}`, `进程${i}`), 'the children finish after main printed its last line');
  },
  "every child printed after '主进程执行完毕', and the program waited for them",
);
