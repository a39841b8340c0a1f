import { threadsOrTasks, type Claim } from './claim';
import { from } from './sources';
import { op, scenario, thread, threads, withLock } from './dsl';
import { all, checkEvery, expect, expectCompleted, expectError, expectReturnedAfter, expectValues, find, holds } from './judging';
import { checkSemaphoreConcurrency } from '../harness/checkers/concurrency';
import { checkScenarioMutualExclusion } from '../harness/checkers/mutual-exclusion';
import * as syncPrograms from './checks/sync-programs';

/** threading.Semaphore and BoundedSemaphore, and the documents' process-level semaphore program. */

const nb = { blocking: false };

export const claims: Claim[] = [
  {
    id: 'semaphore.at-most-n-inside',
    title: 'Semaphore(4): up to four threads are inside at once, never more, and four is reached',
    topic: 'semaphore',
    source: from('networking', '33. 信号量', '# 信号量允许多个线程或者进程同时进入'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'semaphore'],
    tags: ['concurrency-limit', 'also:004-信号量'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('20 threads visit a Semaphore(4) for 1–3 units each', {
          objects: { sm: { type: 'semaphore', value: 4 } },
          actors: threads('t', 20, (i) => withLock('sm', [op.sleep(1 + (i % 3))])),
        }),
      ],
      (run, s) => {
        expectCompleted(run);
        holds(checkSemaphoreConcurrency(run.history, s, 'sm'));
      },
      'never more than 4 holders, and 4 at once was reached',
    )),
  },
  {
    id: 'semaphore.limits-thread-concurrency',
    title: 'A semaphore controls how many threads run a section concurrently (the document\'s Semaphore(5) with 100 threads)',
    topic: 'semaphore',
    source: from('netStyle', '10、信号量', '信号量用来控制线程并发数的'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'semaphore'],
    tags: ['concurrency-limit'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('100 threads, Semaphore(5), each inside for 5 units', {
          timeUnitMs: 10,
          deadlineUnits: 3000,
          objects: { semaphore: { type: 'semaphore', value: 5 } },
          actors: threads('t', 100, () => withLock('semaphore', [op.sleep(5)])),
        }),
      ],
      (run, s) => {
        expectCompleted(run);
        holds(checkSemaphoreConcurrency(run.history, s, 'semaphore'));
      },
      'never more than 5 of the 100 threads inside, and 5 reached',
    )),
  },
  {
    id: 'semaphore.acquire-blocks-at-zero',
    title: 'When the counter is 0, acquire blocks until another thread releases',
    topic: 'semaphore',
    source: from('netStyle', '10、信号量', '当计数器为0时,acquire()将阻塞线程至同步锁状态,直到其他线程调用release()。'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'semaphore'],
    tags: ['blocking'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('Semaphore(2): a third thread waits for a release', {
          objects: { s: { type: 'semaphore', value: 2 } },
          actors: [
            thread('a', [op.acquire('s'), op.sleep(3), op.release('s')]),
            thread('b', [op.acquire('s'), op.sleep(6), op.release('s')]),
            thread('c', [op.sleep(1), op.acquire('s'), op.release('s')]),
          ],
        }),
      ],
      (run) => {
        expectCompleted(run);
        expectReturnedAfter(find(run, 'c', 'acquire'), find(run, 'a', 'release'), 'the third acquire must wait for a release');
      },
      'the third acquire returned only after a release',
    )),
  },
  {
    id: 'semaphore.counter-arithmetic',
    title: 'acquire decrements the counter and release increments it; acquire fails (non-blocking) at zero',
    topic: 'semaphore',
    source: from('basics', '信号量', '信号量同步基于内部计数器，每调用一次acquire()，计数器减1；每调用一次release()，计数器加1.当计数器为0时，acquire()调用被阻塞'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'semaphore'],
    tags: ['counter'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('Semaphore(2): acquire ×3, release, acquire ×2 (non-blocking)', {
          objects: { s: { type: 'semaphore', value: 2 } },
          actors: [thread('main', [op.acquire('s', nb), op.acquire('s', nb), op.acquire('s', nb), op.release('s'), op.acquire('s', nb), op.acquire('s', nb)])],
        }),
      ],
      (run) => expectValues(all(run, 'acquire'), [true, true, false, true, false], 'non-blocking acquires'),
      'True, True, False; after one release True, False',
    )),
  },
  {
    id: 'semaphore.bounded-over-release-raises',
    title: 'BoundedSemaphore raises ValueError when a release would push the counter above its initial value',
    topic: 'semaphore',
    source: from('netStyle', '10、信号量', 'BoundedSemaphore与Semaphore的唯一区别在于前者将在调用release()时检查计数器的值是否超过了计数器的初始值,如果超过了将抛出一个异常。'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'bounded-semaphore'],
    tags: ['errors'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('BoundedSemaphore(2): acquire, release, release', {
          objects: { s: { type: 'bounded-semaphore', value: 2 } },
          actors: [thread('main', [op.acquire('s'), op.release('s'), op.release('s'), op.acquire('s', nb), op.acquire('s', nb), op.acquire('s', nb)])],
        }),
      ],
      (run) => {
        expect(find(run, 'main', 'release', 0).outcome === 'ok', 'the matching release failed');
        expectError(find(run, 'main', 'release', 1), 'ValueError');
        // The failed release must not have changed the counter: still exactly 2 permits.
        expectValues(all(run, 'acquire').slice(1), [true, true, false], 'acquires after the failed release');
      },
      'the extra release raised ValueError and left the counter at its initial value',
    )),
  },
  {
    id: 'semaphore.plain-release-unchecked',
    title: 'A plain Semaphore does not check releases: releasing more than acquired raises the counter',
    topic: 'semaphore',
    source: from('netStyle', '10、信号量', 'BoundedSemaphore与Semaphore的唯一区别在于前者将在调用release()时检查计数器的值是否超过了计数器的初始值'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'semaphore'],
    tags: ['counter'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('Semaphore(1): release, then acquire ×3 (non-blocking)', {
          objects: { s: { type: 'semaphore', value: 1 } },
          actors: [thread('main', [op.release('s'), op.acquire('s', nb), op.acquire('s', nb), op.acquire('s', nb)])],
        }),
      ],
      (run) => {
        expect(find(run, 'main', 'release').outcome === 'ok', 'the unmatched release raised an error');
        expectValues(all(run, 'acquire'), [true, true, false], 'acquires');
      },
      'the unmatched release succeeded and added a permit',
    )),
  },
  {
    id: 'semaphore.like-a-queue',
    title: 'A semaphore is "like a queue": whenever a permit frees up, one more thread gets in',
    topic: 'semaphore',
    source: from('networking', '33. 信号量', '# 信号量相当于队列,主要有一个锁空闲,就要进一个线程'),
    kind: 'informational',
    reason: 'An analogy. The observable part (a waiting thread gets in when a permit is released) is semaphore.acquire-blocks-at-zero; CPython promises no FIFO order among waiters, so "queue" must not be read as first-come first-served.',
    level: 'SHOULD',
    capabilities: ['semaphore'],
    tags: ['analogy'],
  },
  {
    id: 'semaphore.not-a-pool',
    title: 'A semaphore resembles a process pool but is a lock-like permit counter, not a set of workers',
    topic: 'semaphore',
    source: from('basics', '信号量', '信号量与进程池的概念很像，但是要区分开，信号量涉及到加锁的概念'),
    kind: 'informational',
    reason: 'A conceptual distinction with no behaviour of its own to observe.',
    level: 'SHOULD',
    capabilities: ['semaphore'],
    tags: ['concept'],
  },
  {
    id: 'semaphore.dijkstra-p-v',
    title: 'Semaphore is Python\'s implementation of Dijkstra\'s P() and V()',
    topic: 'semaphore',
    source: from('basics', '信号量', '这是迪科斯彻（Dijkstra）信号量概念P()和V()的Python实现。'),
    kind: 'informational',
    reason: 'History and naming; the counter behaviour itself is semaphore.counter-arithmetic.',
    level: 'SHOULD',
    capabilities: ['semaphore'],
    tags: ['history'],
  },
  {
    id: 'semaphore.mutex-one-semaphore-many',
    title: 'A mutex lets one thread change data at a time; a semaphore lets a fixed number',
    topic: 'semaphore',
    source: from('basics', '信号量', '互斥锁同时只允许一个线程更改数据，而信号量Semaphore是同时允许一定数量的线程更改数据'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'lock', 'semaphore'],
    tags: ['concurrency-limit'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('six threads share a Lock while six others share a Semaphore(3)', {
          objects: { lock: { type: 'lock' }, sem: { type: 'semaphore', value: 3 } },
          actors: [...threads('l', 6, () => withLock('lock', [op.sleep(1)])), ...threads('s', 6, () => withLock('sem', [op.sleep(2)]))],
        }),
      ],
      (run, s) => {
        expectCompleted(run);
        holds(checkScenarioMutualExclusion(run.history, s, 'lock'));
        holds(checkSemaphoreConcurrency(run.history, s, 'sem'));
      },
      'the lock had one holder at a time and the semaphore up to three',
    )),
  },
  {
    id: 'semaphore.ktv-processes',
    title: 'The KTV program: Semaphore(4) shared by 13 processes lets at most four in a room at once',
    topic: 'semaphore',
    source: from('basics', '信号量', '# 最多允许4个对象拿到锁'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['processes', 'programs', 'semaphore'],
    tags: ['processes', 'program'],
    check: syncPrograms.ktvProgram,
  },
];

