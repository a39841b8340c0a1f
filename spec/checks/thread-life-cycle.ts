import type { ScenarioCheck } from '../claim';
import { op, scenario, thread, threads } from '../dsl';
import { all, checkEvery, expect, expectBefore, expectCompleted, expectReturnedAfter, expectValues, find, holds, operations } from '../judging';
import { checkOverlapping, operationIntervals } from '../../harness/checkers/intervals';
import { mark } from './marks';
import { expectCleanExit, programScenario, records, transcript } from './transcript';

/**
 * threading.Thread's life-cycle (spec/thread.ts): scenarios on the thread executor for what
 * threads do to each other, and the example programs thread-api / daemon-thread for the
 * Thread API itself (names, enumerate, daemon flag) and for how a program ends.
 */

export const joinBlocksCaller: ScenarioCheck = checkEvery(
  [
    scenario('main joins a thread that sleeps 3', {
      objects: {},
      actors: [thread('main', [op.start('t'), op.join('t'), op.mark('111')]), thread('t', [op.sleep(3), op.mark('子进程...')], { start: 'manual' })],
    }),
  ],
  (run) => {
    expectCompleted(run);
    expectReturnedAfter(find(run, 'main', 'join'), mark(run, 't', '子进程...'), 'join() returns only after the thread has finished');
    expectBefore(mark(run, 't', '子进程...'), mark(run, 'main', '111'), 'main goes on only after the thread');
  },
  "join() blocked main until the thread had printed its last line",
);

export const isAliveWhileRunning: ScenarioCheck = checkEvery(
  [
    scenario('is_alive() before join and after', {
      objects: {},
      actors: [thread('main', [op.start('t'), op.isAlive('t'), op.join('t'), op.isAlive('t')]), thread('t', [op.sleep(3)], { start: 'manual' })],
    }),
  ],
  (run) => {
    expectCompleted(run);
    expectValues(all(run, 'is_alive'), [true, false], 'is_alive() while the thread sleeps, then after join()');
  },
  'is_alive() was True while the thread ran and False once it had finished',
);

export const threadsRunConcurrently: ScenarioCheck = checkEvery(
  [scenario('three threads each sleep 3', { objects: {}, actors: threads('t', 3, () => [op.sleep(3)]) })],
  (run) => {
    expectCompleted(run);
    holds(checkOverlapping(operationIntervals(operations(run), (o) => o.f === 'sleep'), 'all', "the threads' sleeps"));
  },
  'the three threads slept at the same time',
);

export const sharedMemory: ScenarioCheck = checkEvery(
  [
    scenario('003 §28: a thread sets the shared x = 0, main prints x after join', {
      objects: { x: { type: 'cell', initial: 100 } },
      actors: [thread('main', [op.start('t'), op.join('t'), op.read('x')]), thread('t', [op.write('x', 0)], { start: 'manual' })],
    }),
  ],
  (run) => {
    expectCompleted(run);
    expectValues(all(run, 'read'), [0], 'main reads x after the thread set it');
  },
  "main saw the thread's x = 0: threads share their process's memory",
);

const daemonThread = programScenario('003 §30: daemonic foo sleeps 5, bar sleeps 1, main ends at once', 'daemon-thread', {}, { unitMs: 200 });

export const mainWaitsForNonDaemon: ScenarioCheck = checkEvery(
  [daemonThread],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    const [main] = records(t, '主进程');
    const [end] = records(t, 'end_bar');
    expect(main !== undefined && end !== undefined && main.time < end.time, "end_bar came after 主进程: the program waited for the non-daemonic thread");
  },
  'the main code ended first, and the program ended only after bar, the non-daemonic thread, had finished',
);

export const daemonEndsWithMain: ScenarioCheck = checkEvery(
  [daemonThread],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    expect(records(t, 'foo_123').length === 1 && records(t, 'end_foo').length === 0, 'foo started but end_foo never printed');
    expect(records(t, 'end_bar').length === 1, 'bar finished');
  },
  'the daemonic thread was cut off when the program exited after the last non-daemonic thread (end_foo never printed)',
);

export const nonDaemonDoesNotHang: ScenarioCheck = checkEvery(
  [daemonThread],
  (run) => {
    expectCompleted(run);
    const t = transcript(run);
    expectCleanExit(t);
    expect(records(t, 'end_bar').length === 1, 'the non-daemonic thread finished and the program then exited with status 0');
  },
  'a non-daemonic thread that ends only delays the exit: the program ended with status 0',
);

const api = programScenario('003 §27-29: the Thread API', 'thread-api', { prompt: 12 });

export const twoWaysToStart: ScenarioCheck = checkEvery(
  [api],
  (run) => {
    const t = transcript(run);
    expectCleanExit(t);
    const hows = records(t, 'runs').map((r) => r.how).sort();
    expect(JSON.stringify(hows) === '["subclass","target"]', `a target thread and a subclass thread both ran, got ${JSON.stringify(hows)}`);
  },
  'Thread(target=task) ran task, and a Thread subclass ran its run()',
);

export const subclassDefaultName: ScenarioCheck = checkEvery(
  [api],
  (run) => {
    const t = transcript(run);
    expectCleanExit(t);
    const [names] = records(t, 'names');
    expect(names?.subclass === 'Thread-1', `the first thread, an unnamed subclass, is Thread-1, got ${JSON.stringify(names?.subclass)}`);
    expect(names?.target === 'Thread-2 (task)', `since 3.10 a target thread is named after its target: 'Thread-2 (task)', got ${JSON.stringify(names?.target)}`);
  },
  "the unnamed subclass thread was Thread-1 (and a target thread 'Thread-2 (task)')",
);

export const startsPromptly: ScenarioCheck = checkEvery(
  [api],
  (run) => {
    const t = transcript(run);
    expectCleanExit(t);
    const rounds = new Map<unknown, string>();
    for (const r of records(t, 'prompt')) if (!rounds.has(r.round)) rounds.set(r.round, String(r.who));
    const first = [...rounds.values()].filter((who) => who === 'thread').length;
    expect(rounds.size === 12 && first > rounds.size / 2, `the thread printed first in ${first} of ${rounds.size} rounds`);
  },
  "in most rounds the new thread printed before main's next print",
);

export const daemonBeforeStart: ScenarioCheck = checkEvery(
  [api],
  (run) => {
    const t = transcript(run);
    expectCleanExit(t);
    const [late] = records(t, 'daemon-after-start');
    expect(late?.error === 'RuntimeError' && late.message === 'cannot set daemon status of active thread', `setting daemon on a running thread raises RuntimeError('cannot set daemon status of active thread'), got ${JSON.stringify(late)}`);
  },
  "setting daemon after start() raised RuntimeError('cannot set daemon status of active thread')",
);

export const samePid: ScenarioCheck = checkEvery(
  [api],
  (run) => {
    const t = transcript(run);
    expectCleanExit(t);
    const runs = records(t, 'runs');
    expect(runs.length === 2 && runs.every((r) => r.pid === t.pid && r.thread !== undefined), 'the threads reported the main process pid');
  },
  "os.getpid() in the threads was the main thread's pid",
);

export const enumerateLiveOnly: ScenarioCheck = checkEvery(
  [api],
  (run) => {
    const t = transcript(run);
    expectCleanExit(t);
    const at = (when: string) => records(t, 'enumerate', (r) => r.when === when)[0];
    expect(JSON.stringify(at('before-start')?.names) === '["MainThread"]' && at('before-start')?.count === 1, 'before start: only MainThread');
    expect((at('running')?.names as string[]).length === 2 && at('running')?.count === 2, 'while running: MainThread and the thread, active_count() 2');
    expect(JSON.stringify(at('after-join')?.names) === '["MainThread"]' && at('after-join')?.count === 1, 'after join: only MainThread again');
  },
  'enumerate() listed only live threads (MainThread included) and active_count() matched it',
);

export const mainThreadName: ScenarioCheck = checkEvery(
  [api],
  (run) => {
    const t = transcript(run);
    expectCleanExit(t);
    expect(records(t, 'main-thread')[0]?.name === 'MainThread', 'current_thread().name in the main thread');
  },
  "current_thread().name in the main thread was 'MainThread'",
);

