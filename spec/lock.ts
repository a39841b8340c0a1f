import { threadsOrTasks, type Claim, type ScenarioCheck } from './claim';
import type { Op } from '../harness/scenario/model';
import { from } from './sources';
import { op, racyDecrement, scenario, thread, threads, withLock } from './dsl';
import { checkEvery, everyRun, expect, expectCompleted, expectError, expectValue, expectWaited, find, holds, operations } from './judging';
import { checkCriticalSections, checkScenarioMutualExclusion } from '../harness/checkers/mutual-exclusion';
import { actorRunIntervals, checkSerial } from '../harness/checkers/intervals';
import * as processSync from './checks/process-sync';
import * as ipcPrograms from './checks/ipc-programs';

/**
 * Mutual exclusion (threading.Lock) at thread level, and the process-level lock claims that the
 * process issue will run between real processes.
 */

/** The documents' 100 threads. */
export const DOC_THREADS = 100;

const critical = (label: string): Op[] => [op.mark('enter', label), op.sleep(1), op.mark('exit', label)];

/**
 * 100 threads doing read–sleep–write on a shared counter without a lock: updates are lost (the
 * documents' x == 99). Also the evidence that CPython's GIL does not keep a program's data safe.
 */
export const lostUpdatesCheck: ScenarioCheck = {
  type: 'scenario',
  repeat: 3,
  scenarios: [
    scenario('100 threads: temp = x; sleep; x = temp - 1', {
      timeUnitMs: 50,
      objects: { x: { type: 'cell', initial: 100 } },
      actors: threads('t', DOC_THREADS, () => racyDecrement('x', 1)),
    }),
  ],
  outcomes: {
    key: (run) => String(run.final.cells['x']),
    grade: (key) => {
      const x = Number(key);
      if (x === 100 - DOC_THREADS) return 'acceptable';
      return Number.isInteger(x) && x > 100 - DOC_THREADS && x < 100 ? 'interesting' : 'forbidden';
    },
    mustSee: ['interesting'],
    describe: {
      acceptable: `x = ${100 - DOC_THREADS}: no update was lost this time (legal, but not what the document shows)`,
      interesting: 'lost updates: some decrements overwrote others (the document prints 99)',
      forbidden: 'a value no interleaving of the decrements can produce',
    },
  },
  judge: (runs) => {
    const crashed = runs.flat().find((r) => r.status !== 'completed');
    return crashed ? { ok: false, message: `a run did not complete: ${crashed.status} ${crashed.error ?? ''}` } : { ok: true, message: 'every run completed' };
  },
};

export const claims: Claim[] = [
  {
    id: 'lock.unlocked-decrement-loses-updates',
    title: 'Without a lock, 100 threads doing read–sleep–write on a shared counter lose updates',
    topic: 'lock',
    source: from('networking', '31. 互斥锁', '# 睡1秒之前,所有的线程已经拿到了temp = 100,一秒过后,都是从x = 100来修改的'),
    kind: 'executable',
    level: 'SHOULD',
    capabilities: ['threads', 'cell'],
    tags: ['racy', 'lost-update', 'outcome-histogram'],
    check: lostUpdatesCheck,
  },
  {
    id: 'lock.locked-decrement-exact',
    title: 'With a lock around read–sleep–write, 100 decrements leave exactly 0',
    topic: 'lock',
    source: from('networking', '31. 互斥锁', '# 主线程0'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'lock', 'cell'],
    tags: ['mutual-exclusion', 'outcome-histogram'],
    check: threadsOrTasks({
      type: 'scenario',
      repeat: 2,
      scenarios: [
        scenario('100 threads: with lock: temp = x; sleep; x = temp - 1', {
          timeUnitMs: 4,
          deadlineUnits: 5000,
          objects: { x: { type: 'cell', initial: 100 }, lock: { type: 'lock' } },
          actors: threads('t', DOC_THREADS, () => withLock('lock', racyDecrement('x', 1))),
        }),
      ],
      outcomes: {
        key: (run) => String(run.final.cells['x']),
        grade: (key) => (Number(key) === 100 - DOC_THREADS ? 'acceptable' : 'forbidden'),
        describe: { acceptable: 'every decrement counted', forbidden: 'an update was lost despite the lock' },
      },
      judge: (runs, scenarios) =>
        everyRun(runs, scenarios, (run, s) => {
          expectCompleted(run);
          holds(checkScenarioMutualExclusion(run.history, s, 'lock'));
        }, 'no two threads ever held the lock at once'),
    }),
  },
  {
    id: 'lock.join-serialises',
    title: 'Joining each thread right after starting it also prevents the corruption, by making the threads run one at a time',
    topic: 'lock',
    source: from('netStyle', '7、同步锁(lock)', '注:多个线程都在同时操作同一个共享资源,所以造成了资源破坏(join会造成串行,失去线程的意义),可以通过同步锁来解决这种问题。'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'cell'],
    tags: ['join', 'serial'],
    check: checkEvery(
      [
        scenario('main starts and joins 10 racy threads one by one', {
          objects: { x: { type: 'cell', initial: 100 } },
          actors: [
            thread('main', Array.from({ length: 10 }, (_, i) => [op.start(`t${i + 1}`), op.join(`t${i + 1}`)]).flat()),
            ...threads('t', 10, () => racyDecrement('x', 1), { start: 'manual' }),
          ],
        }),
      ],
      (run) => {
        expectCompleted(run);
        expect(run.final.cells['x'] === 90, `x ended at ${run.final.cells['x']}, expected 90: an update was lost`);
        const runsOf = actorRunIntervals(operations(run), Array.from({ length: 10 }, (_, i) => `t${i + 1}`));
        holds(checkSerial(runsOf, 'thread runs'));
        const order = [...runsOf].sort((a, b) => a.start - b.start).map((i) => i.actor);
        expect(order.join() === runsOf.map((i) => i.actor).join(), `threads ran in the order ${order.join(', ')}, not the order they were started and joined`);
      },
      'the threads ran one at a time in start order and no update was lost',
    ),
  },
  {
    id: 'lock.lock-and-join-both-serialise',
    title: 'A lock and join both make the work serial; join fixes the order in advance, the lock lets threads compete',
    topic: 'lock',
    source: from('networking', '31. 互斥锁', '# 互斥锁 随机抢锁,公平. join 提前排好顺序,不公平.但是都是串行.'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'lock'],
    tags: ['join', 'serial', 'order'],
    check: threadsOrTasks({
      type: 'scenario',
      repeat: 3,
      scenarios: [
        scenario('five threads compete for one lock', {
          objects: { lock: { type: 'lock' } },
          actors: threads('t', 5, (i) => withLock('lock', critical(`t${i}`))),
        }),
        scenario('main starts and joins five threads in turn', {
          objects: {},
          actors: [
            thread('main', Array.from({ length: 5 }, (_, i) => [op.start(`t${i + 1}`), op.join(`t${i + 1}`)]).flat()),
            ...threads('t', 5, (i) => critical(`t${i}`), { start: 'manual' }),
          ],
        }),
      ],
      judge: (runs, scenarios) => {
        const orders: string[] = [];
        const verdict = everyRun(runs, scenarios, (run, _s, i) => {
          expectCompleted(run);
          holds(checkCriticalSections(run.history));
          const entered = operations(run).filter((o) => o.f === 'mark' && o.args?.['label'] === 'enter').sort((a, b) => a.invokeTime - b.invokeTime).map((o) => o.actor);
          if (i === 0) orders.push(entered.join('→'));
          else expect(entered.join() === 't1,t2,t3,t4,t5', `with join the order must be the start order, got ${entered.join(', ')}`);
        }, 'critical sections never overlapped in either program');
        return verdict.ok ? { ...verdict, message: `${verdict.message}; lock winners' orders seen: ${[...new Set(orders)].join(' | ')}`, evidence: { lockOrders: orders } } : verdict;
      },
    }),
  },
  {
    id: 'lock.others-queue-until-unlocked',
    title: 'Whoever takes the lock first goes first; the others wait until it is released, then compete again',
    topic: 'lock',
    source: from('networking', '36. GIL锁与互斥锁的关系', '互斥锁的作用就是要想使用共享文件,必须要先抢这个锁,先抢到的可以先使用,其他人排队,等到解锁后后再次抢锁'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'lock'],
    tags: ['mutual-exclusion', 'blocking'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('five threads: acquire, use the resource, release', {
          objects: { lock: { type: 'lock' } },
          actors: threads('t', 5, (i) => withLock('lock', critical(`t${i}`))),
        }),
      ],
      (run, s) => {
        expectCompleted(run);
        holds(checkScenarioMutualExclusion(run.history, s, 'lock'));
        const acquires = operations(run).filter((o) => o.f === 'acquire');
        expect(acquires.length === 5 && acquires.every((o) => o.outcome === 'ok' && o.value === true), 'not every thread eventually got the lock');
      },
      'one holder at a time, and every waiting thread got the lock after a release',
    )),
  },
  {
    id: 'lock.release-once-per-acquire',
    title: 'A lock is released once per acquire: releasing an unlocked lock raises RuntimeError',
    topic: 'lock',
    source: from('networking', '22. 互斥锁', '# 一定要是同一把锁: 只能按照这个规律:上锁一次,解锁一次.'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'lock'],
    tags: ['errors'],
    check: threadsOrTasks(checkEvery(
      [scenario('acquire, release, release', { objects: { lock: { type: 'lock' } }, actors: [thread('main', [op.acquire('lock'), op.release('lock'), op.release('lock')])] })],
      (run) => {
        expectValue(find(run, 'main', 'acquire'), true);
        expect(find(run, 'main', 'release', 0).outcome === 'ok', 'the first release failed');
        expectError(find(run, 'main', 'release', 1), 'RuntimeError');
      },
      'the second release raised RuntimeError',
    )),
  },
  {
    id: 'lock.not-reentrant',
    title: 'A plain Lock is not re-entrant: the same thread acquiring it twice blocks (hence RLock)',
    topic: 'lock',
    source: from('netStyle', '8、递归锁', '为了支持在同一线程中多次请求同一资源,Python提供了“可重入锁”:threading.Rlock。'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'lock'],
    tags: ['reentrancy', 'blocking'],
    check: threadsOrTasks(checkEvery(
      [scenario('acquire twice in one thread (the second with a timeout)', { objects: { lock: { type: 'lock' } }, actors: [thread('main', [op.acquire('lock'), op.acquire('lock', { timeout: 2 })])] })],
      (run, s) => {
        const second = find(run, 'main', 'acquire', 1);
        expectValue(second, false);
        expectWaited(second, 2, s);
      },
      'the second acquire blocked until its timeout and returned False',
    )),
  },
  ...processLevel(),
];

/** The documents' process examples of the same primitive, run between real processes (checks/process-sync.ts). */
function processLevel(): Claim[] {
  const processClaim = { kind: 'executable' as const, capabilities: ['processes' as const, 'lock' as const] };
  return [
    { ...processClaim, id: 'lock.processes-serialised', title: 'A multiprocessing.Lock turns concurrent processes serial: each running/done pair is uninterrupted', topic: 'lock', source: from('basics', '使用锁维护执行顺序', '# 由并发变成了串行,牺牲了运行效率,但避免了竞争'), level: 'MUST', tags: ['processes', 'serial'], check: processSync.lockSerialisesProcesses },
    { ...processClaim, id: 'lock.processes-unordered-without-lock', title: 'Without a lock, processes sharing one resource interleave in no fixed order', topic: 'lock', source: from('basics', '锁', '当多个进程使用同一份数据资源的时候，就会引发数据安全或顺序混乱问题'), level: 'SHOULD', tags: ['processes', 'racy'], capabilities: ['processes'], check: processSync.unorderedWithoutLock },
    { ...processClaim, id: 'lock.processes-output-mixed', title: 'Without a lock, output from different processes gets mixed up', topic: 'lock', source: from('netStyle', '17、进程的通信', 'Without using the lock output from the different processes is liable to get all mixed up.'), level: 'SHOULD', tags: ['processes', 'racy'], capabilities: ['processes'], check: processSync.outputMixedWithoutLock },
    { ...processClaim, id: 'lock.processes-one-writer-at-a-time', title: 'A lock guarantees that only one process modifies shared data at a time', topic: 'lock', source: from('basics', '多进程实现抢票', '加锁可以保证多个进程修改同一块数据时，同一时间只能有一个任务可以进行修改，即串行的修改'), level: 'MUST', capabilities: ['processes', 'lock', 'cell'], tags: ['processes', 'mutual-exclusion'], check: processSync.oneWriterAtATime },
    { ...processClaim, id: 'lock.processes-lock-vs-join', title: 'Between processes, join and a lock both serialise; join fixes the order, the lock is first come first served', topic: 'lock', source: from('networking', '22. 互斥锁', '# 共同点: 都是完成了进程之间的串行.'), level: 'MUST', tags: ['processes', 'join', 'serial'], check: processSync.lockVersusJoin },
    { ...processClaim, id: 'lock.processes-rlock', title: 'A multiprocessing.RLock passed to children serialises their critical sections', topic: 'lock', source: from('netProg', '进程同步', '# 通过 multiprocessing 创建锁'), level: 'MUST', capabilities: ['processes', 'rlock'], tags: ['processes', 'mutual-exclusion'], check: processSync.rlockBetweenProcesses },
    {
      id: 'lock.thread-and-process-locks-differ',
      title: 'Thread locks and process locks are not "the same lock": a threading.Lock cannot exclude processes',
      topic: 'lock',
      source: from('networking', '22. 互斥锁', '互斥锁 进程锁 同步锁 线程锁  都是同一把所 Lock'),
      kind: 'contested',
      contest: {
        says: 'mutex, process lock, synchronisation lock and thread lock are all the same Lock',
        actually: 'threading.Lock and multiprocessing.Lock are different objects: a threading.Lock lives in one process\'s memory, so each child process gets its own copy (fork) or cannot receive it at all (spawn: it cannot be pickled); only multiprocessing.Lock (a named OS semaphore) excludes processes',
        evidence: 'CPython 3.11 on Linux: Process(target=f, args=(threading.Lock(),)) with the spawn context -> TypeError: cannot pickle \'_thread.lock\' object; with fork, two children each acquire their copy at the same time',
      },
      level: 'MUST',
      capabilities: ['processes', 'programs', 'lock'],
      tags: ['processes', 'doc-error'],
      check: ipcPrograms.threadLockIsNotProcessLock,
    },
  ];
}
