import { threadsOrTasks, type Claim } from './claim';
import { from } from './sources';
import { op, scenario, thread } from './dsl';
import { all, checkEvery, expectCompleted, expectError, expectReturnedAfter, expectValue, expectValues, expectWaited, find, holds } from './judging';
import { checkScenarioQueueOrder } from '../harness/checkers/ordering';

/**
 * Thread-level queue claims (queue.Queue, LifoQueue, PriorityQueue). Items are JSON; Python
 * tuples are written as arrays, which compare the same way.
 */

const Q = (order: 'fifo' | 'lifo' | 'priority' = 'fifo', maxsize = 0) => ({ q: { type: 'queue' as const, order, maxsize } });
const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => i + from);

export const claims: Claim[] = [
  {
    id: 'queue.fifo-order',
    title: 'queue.Queue is first-in, first-out, within a thread and across threads',
    topic: 'queue',
    source: from('networking', '40. 线程队列', '1. FIFO Queue 先进先出 :'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'queue'],
    tags: ['order', 'also:003-§23'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('one thread: 1, 2, 太白', {
          objects: Q('fifo', 3),
          actors: [thread('main', [op.put('q', 1), op.put('q', 2), op.put('q', '太白'), op.get('q'), op.get('q'), op.get('q')])],
        }),
        scenario('a producer thread and a consumer thread', {
          objects: Q('fifo', 0),
          actors: [thread('producer', range(20).map((i) => op.put('q', i))), thread('consumer', range(20).map(() => op.get('q')))],
        }),
      ],
      (run, s, i) => {
        expectCompleted(run);
        expectValues(all(run, 'get'), i === 0 ? [1, 2, '太白'] : range(20), 'items out');
        holds(checkScenarioQueueOrder(run.history, s, 'q', { drained: true }));
      },
      'items came out in the order they were put',
    )),
  },
  {
    id: 'queue.lifo-order',
    title: 'LifoQueue is last-in, first-out, and a get on the emptied stack blocks',
    topic: 'queue',
    source: from('networking', '40. 线程队列', '2. LIFO 堆栈 后进先出 :'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'lifo-queue'],
    tags: ['order', 'blocking'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('put 1, 3, barry; get four times (the fourth "夯住")', {
          objects: Q('lifo', 0),
          actors: [thread('main', [op.put('q', 1), op.put('q', 3), op.put('q', 'barry'), op.get('q'), op.get('q'), op.get('q'), op.get('q', { timeout: 3 })])],
        }),
      ],
      (run, s) => {
        expectCompleted(run);
        expectValues(all(run, 'get').slice(0, 3), ['barry', 3, 1], 'first three gets');
        const fourth = find(run, 'main', 'get', 3);
        expectError(fourth, 'Empty');
        expectWaited(fourth, 3, s);
      },
      'barry, 3, 1, then the fourth get blocked until its timeout',
    )),
  },
  {
    id: 'queue.priority-lowest-first',
    title: 'PriorityQueue returns the lowest (priority, data) tuple first',
    topic: 'queue',
    source: from('networking', '40. 线程队列', '# 需要元组的形式,(int,数据) int 代表优先级,数字越低,优先级越高.'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'priority-queue'],
    tags: ['order', 'also:001-§11'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('the document\'s three messages', {
          objects: Q('priority', 3),
          actors: [thread('main', [op.put('q', [10, '垃圾消息']), op.put('q', [-9, '紧急消息']), op.put('q', [3, '一般消息']), op.get('q'), op.get('q'), op.get('q')])],
        }),
      ],
      (run, s) => {
        expectCompleted(run);
        expectValues(all(run, 'get'), [[-9, '紧急消息'], [3, '一般消息'], [10, '垃圾消息']], 'items out');
        holds(checkScenarioQueueOrder(run.history, s, 'q', { drained: true }));
      },
      'the lowest priority number came out first',
    )),
  },
  {
    id: 'queue.put-blocks-when-full',
    title: 'put on a full bounded queue blocks until another thread takes an item',
    topic: 'queue',
    source: from('networking', '40. 线程队列', '# q.put(666) # put多余设置的最大数同样会夯住'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'queue'],
    tags: ['blocking', 'maxsize', 'also:004-队列的用法'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('Queue(3): a fourth put waits for a get', {
          objects: Q('fifo', 3),
          actors: [
            thread('producer', [op.put('q', 1), op.put('q', 2), op.put('q', '太白'), op.put('q', 666)]),
            thread('consumer', [op.sleep(3), op.get('q')]),
          ],
        }),
      ],
      (run) => {
        expectCompleted(run);
        expectReturnedAfter(find(run, 'producer', 'put', 3), find(run, 'consumer', 'get'), 'the fourth put must wait for room');
        expectValue(find(run, 'consumer', 'get'), 1);
      },
      'the fourth put returned only after the consumer took an item',
    )),
  },
  {
    id: 'queue.put-nonblocking-raises-full',
    title: 'put(block=False) on a full queue raises Full at once',
    topic: 'queue',
    source: from('netStyle', '11、队列(queue)', '如果block为0,put方法将引发Full异常'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'queue'],
    tags: ['errors', 'also:003-§23'],
    check: threadsOrTasks(checkEvery(
      [scenario('Queue(1) holding one item', { objects: Q('fifo', 1), actors: [thread('main', [op.put('q', 1), op.put('q', 2, { block: false }), op.qsize('q')])] })],
      (run) => {
        expectError(find(run, 'main', 'put', 1), 'Full');
        expectValue(find(run, 'main', 'qsize'), 1);
      },
      'the non-blocking put raised Full and left the queue unchanged',
    )),
  },
  {
    id: 'queue.put-nonblocking-error-name',
    title: 'The document says a non-blocking put on a full queue raises Empty; it raises Full',
    topic: 'queue',
    source: from('basics', '概念', 'block控制阻塞行为，默认为True。如果设置为False，将引发Queue.Empty异常（定义在Queue库模块中）'),
    kind: 'contested',
    contest: {
      says: 'q.put(item, block=False) on a full queue raises Queue.Empty',
      actually: 'it raises queue.Full (multiprocessing.Queue raises the same queue.Full); Empty is what a non-blocking get raises',
      evidence: 'CPython 3.11: queue.Queue(1) after one put, put(2, block=False) -> queue.Full; multiprocessing.Queue(1) likewise -> queue.Full (Lib/queue.py Queue.put, Lib/multiprocessing/queues.py Queue.put: "raise Full")',
    },
    level: 'MUST',
    capabilities: ['threads', 'queue'],
    tags: ['errors', 'doc-error'],
    check: threadsOrTasks(checkEvery(
      [scenario('Queue(1) holding one item', { objects: Q('fifo', 1), actors: [thread('main', [op.put('q', 1), op.put('q', 2, { block: false })])] })],
      (run) => expectError(find(run, 'main', 'put', 1), 'Full'),
      'the non-blocking put raised Full, not Empty',
    )),
  },
  {
    id: 'queue.get-nonblocking-raises-empty',
    title: 'get(block=False) on an empty queue raises Empty at once',
    topic: 'queue',
    source: from('netStyle', '11、队列(queue)', '如果队列为空且block为False,队列将引发Empty异常'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'queue'],
    tags: ['errors', 'also:003-§23'],
    check: threadsOrTasks(checkEvery(
      [scenario('an empty queue', { objects: Q('fifo', 0), actors: [thread('main', [op.get('q', { block: false })])] })],
      (run) => expectError(find(run, 'main', 'get'), 'Empty'),
      'the non-blocking get raised Empty',
    )),
  },
  {
    id: 'queue.get-blocks-when-empty',
    title: 'get on an empty queue blocks until another thread puts an item',
    topic: 'queue',
    source: from('basics', '队列的用法', '# 同put方法一样，如果队列已经空了，那么继续取就会出现阻塞'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'queue'],
    tags: ['blocking', 'also:001-§11'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('a consumer waits for a late producer', {
          objects: Q('fifo', 3),
          actors: [thread('consumer', [op.get('q')]), thread('producer', [op.sleep(3), op.put('q', 'x')])],
        }),
      ],
      (run) => {
        expectCompleted(run);
        const got = find(run, 'consumer', 'get');
        expectValue(got, 'x');
        expectReturnedAfter(got, find(run, 'producer', 'put'), 'the get must wait for the put');
      },
      'the get returned the item only after it was put',
    )),
  },
  {
    id: 'queue.put-nowait-raises-full',
    title: 'put_nowait on a full queue does not block but raises Full',
    topic: 'queue',
    source: from('basics', '队列的用法', '# 可以使用put_nowait，如果队列满了不会阻塞，但是会因为队列满了而报错'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'queue'],
    tags: ['errors'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('Queue(3) after three puts (the document\'s sequence)', {
          objects: Q('fifo', 3),
          actors: [thread('main', [op.put('q', 3), op.put('q', 3), op.put('q', 3), op.putNowait('q', 3), op.full('q')])],
        }),
      ],
      (run) => {
        expectError(find(run, 'main', 'put_nowait'), 'Full');
        expectValue(find(run, 'main', 'full'), true);
      },
      'put_nowait raised Full and full() was True',
    )),
  },
  {
    id: 'queue.get-nowait-on-empty',
    title: 'get_nowait raises Empty when the queue is empty (the document says "when full")',
    topic: 'queue',
    source: from('basics', '队列的用法', '# 可以使用get_nowait，如果队列满了不会阻塞，但是会因为没取到值而报错'),
    kind: 'contested',
    contest: {
      says: 'get_nowait raises when the queue is full',
      actually: 'get_nowait raises Empty when the queue is empty; on a full queue it returns the oldest item (a slip copied from the put_nowait comment)',
      evidence: 'CPython 3.11: q = queue.Queue(2); q.put(1); q.put(2); q.get_nowait() -> 1; q.get_nowait() -> 2; q.get_nowait() -> queue.Empty',
    },
    level: 'MUST',
    capabilities: ['threads', 'queue'],
    tags: ['errors', 'doc-error'],
    check: threadsOrTasks(checkEvery(
      [scenario('full, then drained', { objects: Q('fifo', 2), actors: [thread('main', [op.put('q', 1), op.put('q', 2), op.getNowait('q'), op.getNowait('q'), op.getNowait('q')])] })],
      (run) => {
        expectValues(all(run, 'get_nowait').slice(0, 2), [1, 2], 'get_nowait on a full queue');
        expectError(find(run, 'main', 'get_nowait', 2), 'Empty');
      },
      'get_nowait returned items from a full queue and raised Empty only when it was empty',
    )),
  },
  {
    id: 'queue.get-nowait-takes-no-argument',
    title: 'The document calls get_nowait(3); get_nowait takes no argument and raises TypeError',
    topic: 'queue',
    source: from('basics', '队列的用法', 'q.get_nowait(3)'),
    kind: 'contested',
    contest: {
      says: 'q.get_nowait(3) in a try block demonstrates the empty-queue error ("队列已经空了")',
      actually: 'get_nowait() takes no arguments: the call raises TypeError before looking at the queue, and the bare `except Exception` prints "队列已经空了" for the wrong reason',
      evidence: 'CPython 3.11: multiprocessing.Queue(3).get_nowait(3) -> TypeError: Queue.get_nowait() takes 1 positional argument but 2 were given (queue.Queue likewise)',
    },
    level: 'MUST',
    capabilities: ['queue'],
    tags: ['doc-error', 'python-api'],
  },
  {
    id: 'queue.put-timeout-raises-full',
    title: 'put with a timeout on a full queue waits that long, then raises Full',
    topic: 'queue',
    source: from('networking', '23. 进程之间的通信 : 队列', 'q.put(333,timeout=3)  # 延时报错,超过三秒再put不进数据,就会报错.'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'queue'],
    tags: ['timeout', 'errors'],
    check: threadsOrTasks(checkEvery(
      [scenario('Queue(3) full; put(333, timeout=3)', { objects: Q('fifo', 3), actors: [thread('main', [op.put('q', 'alex'), op.put('q', { count: 1 }), op.put('q', 22), op.put('q', 333, { timeout: 3 })])] })],
      (run, s) => {
        const late = find(run, 'main', 'put', 3);
        expectError(late, 'Full');
        expectWaited(late, 3, s);
      },
      'the put waited its timeout and raised Full',
    )),
  },
  {
    id: 'queue.get-timeout-raises-empty',
    title: 'get with a timeout raises Empty if nothing arrives in time, and returns an item that arrives in time',
    topic: 'queue',
    source: from('basics', '概念', '如果在制定的时间间隔内没有项目变为可用，将引发Queue.Empty异常。'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'queue'],
    tags: ['timeout', 'errors'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('nothing arrives: get(timeout=2)', { objects: Q(), actors: [thread('main', [op.get('q', { timeout: 2 })])] }),
        scenario('an item arrives after 1 unit: get(timeout=10)', {
          objects: Q(),
          actors: [thread('main', [op.get('q', { timeout: 10 })]), thread('producer', [op.sleep(1), op.put('q', 'late')])],
        }),
      ],
      (run, s, i) => {
        expectCompleted(run);
        const got = find(run, 'main', 'get');
        if (i === 0) {
          expectError(got, 'Empty');
          expectWaited(got, 2, s);
        } else {
          expectValue(got, 'late');
          expectReturnedAfter(got, find(run, 'producer', 'put'), 'the get must wait for the put');
        }
      },
      'get(timeout) raised Empty after its timeout and returned an item that came in time',
    )),
  },
];
