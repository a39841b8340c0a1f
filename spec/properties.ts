import { threadsOrTasks, type Claim, type Judgement, type PropertyCheck } from './claim';
import { from } from './sources';
import { expect, holds, judge, ok, operations } from './judging';
import type { Scenario } from '../harness/scenario/model';
import type { ScenarioResult } from '../harness/scenario/result';
import { eventScenarios, joinableQueueScenarios, lockScenarios, queueScenarios, semaphoreScenarios } from '../harness/generate';
import { checkNoDeadlock } from '../harness/checkers/deadlock';
import { checkScenarioMutualExclusion } from '../harness/checkers/mutual-exclusion';
import { checkSemaphoreConcurrency } from '../harness/checkers/concurrency';
import { checkCountBound } from '../harness/checkers/count-bound';
import { checkLockExclusion } from '../harness/checkers/lock-exclusion';
import { cpythonLock } from '../harness/checkers/cpython-lock-model';
import { checkEventFlag } from '../harness/checkers/event-flag';
import { checkQueueCapacity } from '../harness/checkers/queue-capacity';
import { checkJoinWaitsForTaskDone } from '../harness/checkers/queue-join';
import { checkQueueConservation, checkScenarioQueueOrder } from '../harness/checkers/ordering';
import { describeOperation } from '../harness/checkers/describe';
import { checkLinearizability, linearizabilityJudgement, models, operationsFromHistory, type SequentialModel } from '../harness/checkers/linearizability';

/**
 * Property claims: what the documents guarantee of each primitive, checked on scenarios that
 * fast-check draws (harness/generate/) rather than ones written by hand. Each generated
 * scenario cannot hang on a correct implementation, so every judge first requires the run to
 * complete; a failure is shrunk to the smallest scenario that still fails (docs/reports.md).
 */

function property(scenarios: PropertyCheck['scenarios'], body: (run: ScenarioResult, s: Scenario) => string): PropertyCheck {
  return threadsOrTasks({
    type: 'property',
    scenarios,
    judge: (run, s): Judgement =>
      judge(() => {
        holds(checkNoDeadlock(run, s));
        return ok(body(run, s));
      }),
  });
}

/** Generated histories are a few dozen operations; a search that needs longer than this is a finding too. */
const LINEARIZABILITY_BUDGET = { maxMs: 3_000 };

/** Some order of the target's operations, each inside its own call and return, satisfies the sequential model. */
function linearizable<S>(run: ScenarioResult, target: string, model: SequentialModel<S>): void {
  const ops = operationsFromHistory(run.history, target);
  holds(linearizabilityJudgement(checkLinearizability(ops, model, LINEARIZABILITY_BUDGET), model, ops));
}

/** Acquires that wait without a limit return True once they return at all. */
function untimedAcquiresSucceeded(run: ScenarioResult, target: string): void {
  for (const o of operations(run).filter((x) => x.f === 'acquire' && x.target === target && x.args?.['blocking'] !== false && (x.args?.['timeout'] ?? null) === null)) {
    expect(o.outcome === 'ok' && o.value === true, `a blocking acquire without a timeout must end by acquiring: ${describeOperation(o)}`);
  }
}

function releasesWithinAcquires(run: ScenarioResult, target: string, what: string): void {
  holds(
    checkCountBound(run.history, {
      counted: { f: 'release', target },
      by: (o) => o.f === 'acquire' && o.target === target && o.outcome === 'ok' && o.value === true,
      countedName: `successful releases of ${what}`,
      byName: 'successful acquires',
    }),
  );
}

function lockProperty(kind: 'lock' | 'rlock'): (run: ScenarioResult, s: Scenario) => string {
  return (run, s) => {
    // An RLock is released only by its owner, so the hold tracker is exact; a Lock's releases may be anyone's.
    holds(kind === 'rlock' ? checkScenarioMutualExclusion(run.history, s, 'lk') : checkLockExclusion(run.history, 'lk'));
    untimedAcquiresSucceeded(run, 'lk');
    releasesWithinAcquires(run, 'lk', kind === 'lock' ? 'the Lock' : 'the RLock');
    // An RLock's state includes its owner and count, which the Lock model does not have; the
    // generated Lock scenarios release others' holds, which CPython's Lock races (cpython-lock-model.ts).
    if (kind === 'lock') linearizable(run, 'lk', cpythonLock);
    return `never two holders; every waiting acquire succeeded; no release without a hold${kind === 'lock' ? '; linearizable as a Lock' : ''}`;
  };
}

function queueProperty(run: ScenarioResult, s: Scenario): string {
  const decl = s.objects['q'];
  const maxsize = decl?.type === 'queue' ? (decl.maxsize ?? 0) : 0;
  const gotAny = operations(run).some((o) => (o.f === 'get' || o.f === 'get_nowait') && o.outcome === 'ok');
  holds(gotAny ? checkScenarioQueueOrder(run.history, s, 'q') : checkQueueConservation(run.history, 'q'));
  holds(checkQueueCapacity(run.history, 'q', maxsize));
  const order = decl?.type === 'queue' ? (decl.order ?? 'fifo') : 'fifo';
  const unbounded = { fifo: models.fifoQueue, lifo: models.lifoQueue, priority: models.priorityQueue }[order];
  linearizable(run, 'q', maxsize > 0 ? models.boundedQueue(maxsize, models.disciplines[order]) : unbounded);
  return `linearizable as a ${order.toUpperCase()} queue${maxsize > 0 ? ` of at most ${maxsize}` : ''}; order and conservation held; every timed wait ended`;
}

const base: Pick<Claim, 'kind' | 'level' | 'tags'> = { kind: 'executable', level: 'MUST', tags: ['property', 'generated'] };

export const claims: Claim[] = [
  {
    ...base,
    id: 'property.lock-exclusive-and-live',
    title: 'In any generated use of a Lock: never two holders, a waiting acquire succeeds once the lock is released, and releases never outnumber acquires',
    topic: 'property',
    source: from('networking', '36. GIL锁与互斥锁的关系', '互斥锁的作用就是要想使用共享文件,必须要先抢这个锁,先抢到的可以先使用,其他人排队,等到解锁后后再次抢锁'),
    capabilities: ['threads', 'lock'],
    check: property(lockScenarios('lock'), lockProperty('lock')),
  },
  {
    ...base,
    id: 'property.rlock-reentrant-exclusive',
    title: 'In any generated use of an RLock: its holder re-acquires it, other actors are excluded, and only a holder releases it',
    topic: 'property',
    source: from('netStyle', '8、递归锁', '为了支持在同一线程中多次请求同一资源,Python提供了“可重入锁”:threading.Rlock。'),
    capabilities: ['threads', 'rlock'],
    check: property(lockScenarios('rlock'), lockProperty('rlock')),
  },
  {
    ...base,
    id: 'property.semaphore-at-most-n',
    title: 'In any generated use of a Semaphore(N): no history shows more than N holders, and every waiting acquire gets in',
    topic: 'property',
    source: from('basics', '信号量', '互斥锁同时只允许一个线程更改数据，而信号量Semaphore是同时允许一定数量的线程更改数据'),
    capabilities: ['threads', 'semaphore'],
    check: property(semaphoreScenarios('semaphore'), (run, s) => {
      const n = s.objects['sm']?.type === 'semaphore' ? (s.objects['sm'].value ?? 1) : 1;
      holds(checkSemaphoreConcurrency(run.history, s, 'sm', { atMost: n }));
      untimedAcquiresSucceeded(run, 'sm');
      linearizable(run, 'sm', models.semaphore(n));
      return `never more than ${n} holders; every waiting acquire got in; linearizable as a Semaphore(${n})`;
    }),
  },
  {
    ...base,
    id: 'property.bounded-semaphore-never-over-released',
    title: 'In any generated use of a BoundedSemaphore(N): at most N holders, and a release never succeeds beyond the acquires (it raises ValueError)',
    topic: 'property',
    source: from('netStyle', '10、信号量', 'BoundedSemaphore与Semaphore的唯一区别在于前者将在调用release()时检查计数器的值是否超过了计数器的初始值,如果超过了将抛出一个异常。'),
    capabilities: ['threads', 'bounded-semaphore'],
    check: property(semaphoreScenarios('bounded-semaphore'), (run, s) => {
      const n = s.objects['sm']?.type === 'bounded-semaphore' ? (s.objects['sm'].value ?? 1) : 1;
      holds(checkSemaphoreConcurrency(run.history, s, 'sm', { atMost: n }));
      untimedAcquiresSucceeded(run, 'sm');
      releasesWithinAcquires(run, 'sm', 'the BoundedSemaphore');
      linearizable(run, 'sm', models.semaphore(n, true));
      return `never more than ${n} holders; no release beyond the acquires; linearizable as a BoundedSemaphore(${n})`;
    }),
  },
  {
    ...base,
    id: 'property.event-set-releases-waiters',
    title: 'In any generated use of an Event: set releases every waiter, and wait/is_set answer as the flag stands',
    topic: 'property',
    source: from('networking', '41. 事件 Event  进程/线程', '一个线程如果将一个Event对象的信号标志设置为真,它将唤醒所有等待这个Event对象的线程。'),
    capabilities: ['threads', 'event'],
    check: property(eventScenarios(), (run) => {
      for (const w of operations(run).filter((o) => o.f === 'wait' && (o.args?.['timeout'] ?? null) === null)) {
        expect(w.outcome === 'ok' && w.value === true, `a wait without a timeout must return True once the flag is set: ${describeOperation(w)}`);
      }
      holds(checkEventFlag(run.history, 'ev'));
      linearizable(run, 'ev', models.event);
      return 'every waiter was released by the final set; every answer agrees with the flag; linearizable as an Event';
    }),
  },
  {
    ...base,
    id: 'property.queue-fifo',
    title: 'Every generated history of a Queue is linearizable to a FIFO queue (of maxsize, with Full and Empty), and timeouts end waits',
    topic: 'property',
    source: from('networking', '40. 线程队列', '1. FIFO Queue 先进先出 :'),
    capabilities: ['threads', 'queue'],
    check: property(queueScenarios('fifo'), queueProperty),
  },
  {
    ...base,
    id: 'property.queue-lifo',
    title: 'Every generated history of a LifoQueue is linearizable to a LIFO stack (of maxsize, with Full and Empty), and timeouts end waits',
    topic: 'property',
    source: from('networking', '40. 线程队列', '2. LIFO 堆栈 后进先出 :'),
    capabilities: ['threads', 'lifo-queue'],
    check: property(queueScenarios('lifo'), queueProperty),
  },
  {
    ...base,
    id: 'property.queue-priority',
    title: 'Every generated history of a PriorityQueue is linearizable to a lowest-first priority queue (of maxsize, with Full and Empty), and timeouts end waits',
    topic: 'property',
    source: from('networking', '40. 线程队列', '# 需要元组的形式,(int,数据) int 代表优先级,数字越低,优先级越高.'),
    capabilities: ['threads', 'priority-queue'],
    check: property(queueScenarios('priority'), queueProperty),
  },
  {
    ...base,
    id: 'property.queue-task-accounting',
    title: 'In any generated use of task_done and join: join returns only when every item put is done, and task_done never succeeds more often than items were put',
    topic: 'property',
    source: from('basics', '第三版', '阻塞将持续到为队列中的每个项目均调用q.task_done()方法为止。'),
    capabilities: ['threads', 'joinable-queue'],
    check: property(joinableQueueScenarios(), (run) => {
      holds(checkJoinWaitsForTaskDone(run.history, 'q'));
      holds(
        checkCountBound(run.history, {
          counted: { f: 'task_done', target: 'q' },
          by: (o) => o.f === 'put' && o.target === 'q' && o.outcome === 'ok',
          countedName: 'successful task_done calls',
          byName: 'puts',
        }),
      );
      return 'every join waited for the items before it; no task_done beyond the puts';
    }),
  },
];
