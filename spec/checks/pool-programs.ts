import type { Json } from '../../harness/scenario/model';
import type { ScenarioCheck } from '../claim';
import { checkEvery, expect, expectCompleted, holds } from '../judging';
import { checkConcurrency } from '../../harness/checkers/concurrency';
import { checkSerial } from '../../harness/checkers/intervals';
import { expectCleanExit, programScenario, recordIntervals, records, transcript, type Transcript } from './transcript';

/**
 * The documents' pool and executor programs (000, 001, 003 §37-39), run as example programs:
 * judged from the order and overlap of what the tasks and callbacks reported, and from the pids
 * they reported.
 */

const tasks = (t: Transcript) => recordIntervals(t, 'task-start', 'task-end', 'i');
const pidsOf = (t: Transcript, event: string) => new Set(records(t, event).map((r) => r.pid));

function cleanRun(run: Parameters<Parameters<typeof checkEvery>[1]>[0]): Transcript {
  expectCompleted(run);
  const t = transcript(run);
  expectCleanExit(t);
  return t;
}

// Every worker is started before the tasks (`warm`), so that worker start-up does not decide the timings.
const poolApply = (title: string, args: { [key: string]: Json }) => programScenario(title, 'pool-apply', { processes: 2, tasks: 5, seconds: 2, warm: true, ...args });

export const atMostNWorkers: ScenarioCheck = checkEvery(
  [poolApply('000: Pool(2), five apply_async tasks of 2', { mode: 'apply_async' })],
  (run) => {
    const t = cleanRun(run);
    expect(records(t, 'task-end').length === 5, 'all five tasks ran');
    holds(checkConcurrency(tasks(t), { atMost: 2, reaches: 2 }, 'tasks of the Pool(2)'));
  },
  'never more than two tasks ran at once, and two did; the others waited for a free worker',
);

export const applyIsSynchronous: ScenarioCheck = checkEvery(
  [poolApply('000: Pool(2), five apply() calls', { mode: 'apply' })],
  (run) => {
    const t = cleanRun(run);
    const intervals = tasks(t);
    expect(intervals.length === 5, 'all five tasks ran');
    holds(checkSerial(intervals, 'the apply() tasks'));
    expect(intervals.every((iv, k) => iv.actor === String(k)), 'in the order they were applied');
  },
  'each apply() waited for its task: the five ran one after another',
);

export const applyAsyncRunsInWaves: ScenarioCheck = checkEvery(
  [poolApply('000: Pool(2), five apply_async tasks of 2', { mode: 'apply_async' })],
  (run) => {
    const t = cleanRun(run);
    const byTask = new Map(tasks(t).map((iv) => [iv.actor, iv]));
    holds(checkConcurrency([...byTask.values()], { atMost: 2, reaches: 2 }, 'tasks'));
    const firstWaveEnd = Math.min(byTask.get('0')!.end, byTask.get('1')!.end);
    expect(byTask.get('2')!.start >= firstWaveEnd, 'the third task waited for the first wave');
    const ends = [...byTask.values()].map((iv) => iv.end).sort((a, b) => a - b);
    expect(byTask.get('4')!.start >= ends[1], 'the fifth task waited for the second wave');
  },
  'two tasks at a time: five tasks in three waves',
);

export const closeBeforeJoin: ScenarioCheck = checkEvery(
  [programScenario('join() before close(), apply_async() after close()', 'pool-api')],
  (run) => {
    const t = cleanRun(run);
    const [early] = records(t, 'join-before-close');
    expect(early?.error === 'ValueError' && early.message === 'Pool is still running', `join() before close() raises ValueError('Pool is still running'), got ${JSON.stringify(early)}`);
    const [late] = records(t, 'apply-after-close');
    expect(late?.error === 'ValueError' && late.message === 'Pool not running', `apply_async() after close() raises ValueError('Pool not running'), got ${JSON.stringify(late)}`);
    expect(records(t, 'joined').length === 1, 'close() then join() works');
  },
  "join() on a running pool raised ValueError('Pool is still running'); close() then join() worked",
);

export const withoutJoin: ScenarioCheck = checkEvery(
  [
    programScenario('Pool(2), three tasks of 30; main ends, without close()/join(), once one has started', 'pool-no-join', { tasks: 3, seconds: 30, waitFor: 'start' }),
    programScenario('Pool(2), three instant tasks; main ends, without close()/join(), once they are done', 'pool-no-join', { tasks: 3, seconds: 0, waitFor: 'end' }),
  ],
  (run, _s, i) => {
    const t = cleanRun(run);
    const end = records(t, 'main-ends')[0];
    if (i === 0) {
      expect(records(t, 'task-start').length > 0, 'tasks were started without join()');
      expect(records(t, 'task-end').length === 0, 'no long task finished: the workers were killed when main ended');
    } else {
      expect(records(t, 'task-end').length === 3 && records(t, 'task-end').every((r) => r.time < end.time), 'tasks that were done before main ended did run');
    }
  },
  'without join() the tasks still ran as soon as queued; main ending killed only the unfinished ones',
);

const callbackRun = poolApply('000 设置回调: Pool(2), apply_async with a callback', { mode: 'apply_async', tasks: 3, callback: true });

export const callbackInMainProcess: ScenarioCheck = checkEvery(
  [callbackRun],
  (run) => {
    const t = cleanRun(run);
    const main = records(t, 'main')[0].pid;
    expect(records(t, 'callback').length === 3, 'a callback for each task');
    expect([...pidsOf(t, 'callback')].every((pid) => pid === main), 'every callback ran in the main process');
    expect(![...pidsOf(t, 'task-end')].includes(main), 'the tasks ran in other processes');
  },
  "the callbacks reported the main process's pid, the tasks the workers'",
);

export const callbackGetsReturnValue: ScenarioCheck = checkEvery(
  [callbackRun],
  (run) => {
    const t = cleanRun(run);
    const values = records(t, 'callback').map((r) => r.value as number).sort((a, b) => a - b);
    expect(JSON.stringify(values) === JSON.stringify([100, 101, 102]), `callbacks receive foo(i) = i + 100, got ${JSON.stringify(values)}`);
  },
  'the callbacks received 100, 101, 102: the return values of foo(0..2)',
);

export const callbackOnlyOnSuccess: ScenarioCheck = checkEvery(
  [poolApply('Pool(2), three tasks, the second raises', { mode: 'apply_async', tasks: 3, callback: true, failAt: 1 })],
  (run) => {
    const t = cleanRun(run);
    const values = records(t, 'callback').map((r) => r.value as number).sort((a, b) => a - b);
    expect(JSON.stringify(values) === JSON.stringify([100, 102]), `callback only for the tasks that succeeded, got ${JSON.stringify(values)}`);
    const errors = records(t, 'error-callback');
    expect(errors.length === 1 && errors[0].error === 'ValueError', 'the failing task went to error_callback with its ValueError');
  },
  'callback ran for the two successful tasks only; the failing one went to error_callback',
);

const executor = (title: string, args: { [key: string]: Json }) => programScenario(title, 'executor-submit', { workers: 4, tasks: 10, seconds: 2, kind: 'process', warm: true, ...args });
const collectRun = executor('003 §38: ProcessPoolExecutor(4), ten tasks submitted, shutdown, then results', { mode: 'collect' });

export const workersAreReused: ScenarioCheck = checkEvery(
  [poolApply('Pool(2), five tasks', { mode: 'apply_async' }), collectRun],
  (run, _s, i) => {
    const t = cleanRun(run);
    const pids = pidsOf(t, 'task-start');
    const limit = i === 0 ? 2 : 4;
    expect(records(t, 'task-start').length > limit && pids.size <= limit, `${records(t, 'task-start').length} tasks were served by ${pids.size} worker pids (at most ${limit})`);
  },
  'many tasks were served by the same few worker processes',
);

export const submitReturnsAtOnce: ScenarioCheck = checkEvery(
  [collectRun],
  (run) => {
    const t = cleanRun(run);
    const lastSubmit = Math.max(...records(t, 'submitted').map((r) => r.time));
    const firstEnd = Math.min(...records(t, 'task-end').map((r) => r.time));
    expect(lastSubmit < firstEnd, 'all ten submits returned before the first task finished');
  },
  'submit() handed each task over and returned at once: the loop ended before any task was done',
);

export const submitResultEachIsSerial: ScenarioCheck = checkEvery(
  [executor('003 §38 同步: submit(...).result() in the loop', { mode: 'sync', tasks: 4 })],
  (run) => {
    const t = cleanRun(run);
    holds(checkSerial(tasks(t), 'the tasks'));
  },
  'each result() waited for its task before the next submit: the tasks ran one at a time',
);

export const collectAfterSubmittingAll: ScenarioCheck = checkEvery(
  [collectRun],
  (run) => {
    const t = cleanRun(run);
    holds(checkConcurrency(tasks(t), { reaches: 2 }, 'tasks'));
    const results = records(t, 'result');
    expect(results.length === 10 && results.every((r, k) => r.i === k), 'one result per task, in submission order');
  },
  'the tasks ran concurrently and the results were collected in submission order',
);

export const addDoneCallbackGetsFuture: ScenarioCheck = checkEvery(
  [executor('003 §39 爬虫1.3: add_done_callback', { mode: 'callback', tasks: 4 })],
  (run) => {
    const t = cleanRun(run);
    const main = t.pid;
    const callbacks = records(t, 'callback');
    expect(callbacks.length === 4 && callbacks.every((r) => r.isFuture === true && typeof r.value === 'string'), 'each callback got the finished future and read its result');
    expect(callbacks.every((r) => r.pid === main), 'in the submitting process');
    expect(records(t, 'add-done-callback-returned').every((r) => r.value === null), 'add_done_callback returns None');
  },
  'the callbacks were called with the futures, in the submitting process; add_done_callback returned None',
);

export const shutdownWaitsForAll: ScenarioCheck = checkEvery(
  [collectRun],
  (run) => {
    const t = cleanRun(run);
    const returned = records(t, 'shutdown-returned')[0];
    expect(records(t, 'task-end').length === 10 && records(t, 'task-end').every((r) => r.time < returned.time), 'shutdown(wait=True) returned after every task had finished');
  },
  'shutdown(wait=True) returned only after all ten tasks had finished',
);

export const shutdownRejectsNewTasks: ScenarioCheck = checkEvery(
  [collectRun],
  (run) => {
    const t = cleanRun(run);
    const [after] = records(t, 'submit-after-shutdown');
    expect(after?.error === 'RuntimeError' && after.message === 'cannot schedule new futures after shutdown', `submit() after shutdown raises RuntimeError('cannot schedule new futures after shutdown'), got ${JSON.stringify(after)}`);
  },
  "submit() after shutdown() raised RuntimeError('cannot schedule new futures after shutdown')",
);

export const limitsConcurrency: ScenarioCheck = checkEvery(
  [collectRun],
  (run) => {
    const t = cleanRun(run);
    holds(checkConcurrency(tasks(t), { atMost: 4, reaches: 4 }, 'tasks of the executor with max_workers=4'));
  },
  'ten tasks on max_workers=4: never more than four at once, and four reached',
);

const defaults = programScenario('003 §37: default sizes and when workers start', 'executor-defaults');

export const processPoolDefaultSize: ScenarioCheck = checkEvery(
  [defaults],
  (run) => {
    const t = cleanRun(run);
    const cpus = records(t, 'cpu-count')[0].value;
    const size = records(t, 'default-workers', (r) => r.kind === 'ProcessPoolExecutor')[0].value;
    expect(size === cpus, `ProcessPoolExecutor() has ${size} workers for ${cpus} CPUs`);
  },
  'ProcessPoolExecutor() uses one worker per CPU',
);

export const threadPoolDefaultSize: ScenarioCheck = checkEvery(
  [defaults],
  (run) => {
    const t = cleanRun(run);
    const cpus = records(t, 'cpu-count')[0].value as number;
    const size = records(t, 'default-workers', (r) => r.kind === 'ThreadPoolExecutor')[0].value;
    expect(size === Math.min(32, cpus + 4), `ThreadPoolExecutor() has ${size} threads for ${cpus} CPUs; CPython 3.8+ uses min(32, cpu_count + 4) = ${Math.min(32, cpus + 4)}`);
  },
  'ThreadPoolExecutor() uses min(32, cpu_count + 4) threads, not cpu_count * 5',
);

export const workersCreatedOnDemand: ScenarioCheck = checkEvery(
  [defaults],
  (run) => {
    const t = cleanRun(run);
    const count = (kind: string, when: string) => records(t, 'workers', (r) => r.kind === kind && r.when === when)[0]?.value;
    expect(count('ThreadPoolExecutor', 'constructed') === 0 && count('ThreadPoolExecutor', 'after-submit') === 1, 'ThreadPoolExecutor(5): no thread until a submit, then one');
    expect(count('ProcessPoolExecutor', 'constructed') === 0 && (count('ProcessPoolExecutor', 'after-submit') as number) >= 1, 'ProcessPoolExecutor(3): no process until a submit');
    expect(count('Pool', 'constructed') === 2, 'multiprocessing.Pool(2) starts both workers in its constructor');
  },
  'executors start workers only when work arrives; multiprocessing.Pool starts them up front',
);
