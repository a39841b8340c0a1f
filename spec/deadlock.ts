import { threadsOrTasks, type Claim } from './claim';
import type { Op, Scenario } from '../harness/scenario/model';
import type { ScenarioResult } from '../harness/scenario/result';
import { from } from './sources';
import { op, scenario, thread, threads } from './dsl';
import { checkEvery, expect, expectCompleted, expectReturnedAfter, expectValue, find, holds, operations } from './judging';
import { checkDeadlocked, checkNoDeadlock } from '../harness/checkers/deadlock';
import { checkScenarioMutualExclusion } from '../harness/checkers/mutual-exclusion';

/** Deadlock with two locks, and RLock re-entrancy as the documents' fix. */

/** The program of doc 003 §32: f1 takes A then B; f2 takes B, sleeps, then A. */
function f1f2(a: string, b: string): Op[] {
  return [
    op.acquire(a), op.mark('got', a), op.acquire(b), op.mark('got', b), op.release(b), op.release(a),
    op.acquire(b), op.mark('got', b), op.sleep(1), op.acquire(a), op.mark('got', a), op.release(a), op.release(b),
  ];
}

const threeThreads = (a: string, b: string, objects: Scenario['objects'], name: string) =>
  scenario(name, { deadlineUnits: 40, objects, actors: threads('Thread-', 3, () => f1f2(a, b)) });

function deadlockOutcome(run: ScenarioResult, s: Scenario): string {
  if (run.status === 'completed') return 'completed';
  if (run.status === 'crashed') return 'crashed';
  return checkDeadlocked(run, s, { requireCycle: true }).ok ? 'deadlock (cycle)' : 'hung without a lock cycle';
}

const threeThreadsDeadlock = threeThreads('lock_A', 'lock_B', { lock_A: { type: 'lock' }, lock_B: { type: 'lock' } }, 'three threads, two locks taken in opposite orders');

export const claims: Claim[] = [
  {
    id: 'deadlock.two-threads-wait-forever',
    title: 'Two threads each holding one lock and waiting for the other\'s wait forever (deadlock)',
    topic: 'deadlock',
    source: from('netStyle', '8、递归锁', '如果两个线程分别占有一部分资源并且同时等待对方的资源,就会造成死锁'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'lock'],
    tags: ['deadlock', 'wait-for-cycle'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('A takes L1 then L2; B takes L2 then L1', {
          deadlineUnits: 30,
          objects: { L1: { type: 'lock' }, L2: { type: 'lock' } },
          actors: [
            thread('A', [op.acquire('L1'), op.sleep(2), op.acquire('L2'), op.release('L2'), op.release('L1')]),
            thread('B', [op.acquire('L2'), op.sleep(2), op.acquire('L1'), op.release('L1'), op.release('L2')]),
          ],
        }),
      ],
      (run, s) => holds(checkDeadlocked(run, s, { requireCycle: true })),
      'the run was stopped at its deadline with the cycle A → L2 → B → L1 → A reported',
    )),
  },
  {
    id: 'deadlock.opposite-order-hangs',
    title: 'Three threads taking two locks in opposite orders hang the program',
    topic: 'deadlock',
    source: from('networking', '32. 死锁现象 - 解决办法-递归锁', '程序夯住'),
    kind: 'executable',
    level: 'SHOULD',
    capabilities: ['threads', 'lock'],
    tags: ['deadlock', 'outcome-histogram'],
    check: threadsOrTasks({
      type: 'scenario',
      repeat: 3,
      scenarios: [threeThreadsDeadlock],
      outcomes: {
        key: (run) => deadlockOutcome(run, threeThreadsDeadlock),
        grade: (key) => (key === 'completed' ? 'acceptable' : key === 'deadlock (cycle)' ? 'interesting' : 'forbidden'),
        mustSee: ['interesting'],
        describe: {
          acceptable: 'the threads happened to finish (a legal but lucky schedule)',
          interesting: 'deadlock: a wait-for cycle between two threads through lock_A and lock_B, as the document shows',
          forbidden: 'the implementation crashed or hung with no lock cycle to explain it',
        },
      },
    }),
  },
  {
    id: 'deadlock.single-rlock-fix',
    title: 'Using one RLock for both locks (lock_A = lock_B = RLock()) removes the deadlock',
    topic: 'deadlock',
    source: from('networking', '32. 死锁现象 - 解决办法-递归锁', 'lock_A = lock_B = RLock()'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'rlock'],
    tags: ['deadlock', 'rlock'],
    check: threadsOrTasks(checkEvery(
      [threeThreads('lock_AB', 'lock_AB', { lock_AB: { type: 'rlock' } }, 'the same program with one shared RLock')],
      (run, s) => {
        holds(checkNoDeadlock(run, s));
        holds(checkScenarioMutualExclusion(run.history, s, 'lock_AB'));
        expect(operations(run).filter((o) => o.f === 'mark').length === 12, 'not every thread got both "locks" twice');
      },
      'every thread finished f1 and f2, one holder at a time',
      3,
    )),
  },
  {
    id: 'rlock.same-thread-reacquires',
    title: 'An RLock counts acquisitions: the owning thread can acquire it again without blocking',
    topic: 'rlock',
    source: from('netStyle', '8、递归锁', 'Rlock内部维护着一个Lock和counter变量,counter记录了acquire的次数,从而使得资源可以被多次acquire。'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'rlock'],
    tags: ['reentrancy'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('acquire three times (non-blocking), release three times', {
          objects: { r: { type: 'rlock' } },
          actors: [thread('main', [op.acquire('r'), op.acquire('r', { blocking: false }), op.acquire('r', { blocking: false }), op.release('r'), op.release('r'), op.release('r')])],
        }),
      ],
      (run) => {
        expectCompleted(run);
        for (let i = 0; i < 3; i++) expectValue(find(run, 'main', 'acquire', i), true);
        for (let i = 0; i < 3; i++) expect(find(run, 'main', 'release', i).outcome === 'ok', `release #${i + 1} failed`);
      },
      'all three acquisitions by the owner succeeded at once and were released',
    )),
  },
  {
    id: 'rlock.others-wait-until-count-zero',
    title: 'Other threads cannot take an RLock until its owner has released every acquisition',
    topic: 'rlock',
    source: from('networking', '32. 死锁现象 - 解决办法-递归锁', '# 只要递归锁计数不为0,其他线程不能抢.'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'rlock'],
    tags: ['reentrancy', 'blocking', 'also:001-§8'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('owner acquires twice and releases slowly; another thread waits', {
          objects: { r: { type: 'rlock' } },
          actors: [
            thread('owner', [op.acquire('r'), op.acquire('r'), op.sleep(2), op.release('r'), op.sleep(2), op.release('r')]),
            thread('other', [op.sleep(1), op.acquire('r'), op.release('r')]),
          ],
        }),
      ],
      (run, s) => {
        expectCompleted(run);
        expectReturnedAfter(find(run, 'other', 'acquire'), find(run, 'owner', 'release', 1), 'the other thread must wait for the second release');
        holds(checkScenarioMutualExclusion(run.history, s, 'r'));
      },
      'the other thread got the RLock only after the owner\'s count reached zero',
    )),
  },
  {
    id: 'rlock.class-is-named-RLock',
    title: 'The re-entrant lock is threading.RLock, not threading.Rlock',
    topic: 'rlock',
    source: from('netStyle', '8、递归锁', '为了支持在同一线程中多次请求同一资源,Python提供了“可重入锁”:threading.Rlock。'),
    kind: 'contested',
    contest: {
      says: 'Python provides the re-entrant lock threading.Rlock',
      actually: 'the name is threading.RLock; threading.Rlock raises AttributeError (the document\'s own code uses threading.RLock())',
      evidence: "CPython 3.11: import threading; threading.Rlock -> AttributeError: module 'threading' has no attribute 'Rlock'",
    },
    level: 'MUST',
    capabilities: ['rlock'],
    tags: ['doc-error', 'python-api'],
  },
];
