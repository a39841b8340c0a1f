import { threadsOrTasks, type Claim } from './claim';
import { from } from './sources';
import { op, scenario, thread } from './dsl';
import { all, checkEvery, expect, expectBefore, expectCompleted, expectError, expectReturnedAfter, expectValue, expectValues, find } from './judging';

/** task_done/join, and the producer–consumer decoupling that a blocking queue provides. */

const range = (n: number, from = 0) => Array.from({ length: n }, (_, i) => i + from);

export const claims: Claim[] = [
  {
    id: 'queue.join-waits-for-task-done',
    title: 'join waits until every item is marked done, not until the queue is empty',
    topic: 'queue',
    source: from('netStyle', '11、队列(queue)', 'q.join()  # 实际上意味着等到队列为空,再执行别的操作'),
    kind: 'contested',
    contest: {
      says: 'q.join() waits until the queue is empty',
      actually: 'join() waits until the count of unfinished tasks drops to zero: every put must be matched by a task_done(); an empty queue whose items were taken but not marked done still blocks join (the document\'s own example, with items still queued and no task_done, would block forever)',
      evidence: 'CPython 3.11 Lib/queue.py: join() waits on all_tasks_done "while self.unfinished_tasks"; task_done() decrements unfinished_tasks; the library reference: "Blocks until all items in the queue have been gotten and processed."',
    },
    level: 'MUST',
    capabilities: ['threads', 'joinable-queue'],
    tags: ['join', 'doc-error'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('the queue is empty but its item is not done', {
          objects: { q: { type: 'queue', joinable: true } },
          actors: [
            thread('main', [op.put('q', 'job'), op.get('q'), op.empty('q'), op.joinQueue('q')]),
            thread('worker', [op.sleep(4), op.taskDone('q')]),
          ],
        }),
      ],
      (run) => {
        expectCompleted(run);
        expectValue(find(run, 'main', 'empty'), true);
        expectReturnedAfter(find(run, 'main', 'join_queue'), find(run, 'worker', 'task_done'), 'join must wait for task_done even though the queue was empty');
      },
      'the queue was empty, yet join returned only after task_done',
    )),
  },
  {
    id: 'queue.join-blocks-until-all-done',
    title: 'join blocks until task_done has been called for every item put',
    topic: 'queue',
    source: from('basics', '第三版', '阻塞将持续到为队列中的每个项目均调用q.task_done()方法为止。'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'joinable-queue'],
    tags: ['join'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('a producer joins while a consumer processes three items', {
          objects: { q: { type: 'queue', joinable: true } },
          actors: [
            thread('producer', [op.put('q', 1), op.put('q', 2), op.put('q', 3), op.joinQueue('q')]),
            thread('consumer', [op.repeat(3, [op.get('q'), op.sleep(1), op.taskDone('q')])]),
          ],
        }),
      ],
      (run) => {
        expectCompleted(run);
        expectReturnedAfter(find(run, 'producer', 'join_queue'), find(run, 'consumer', 'task_done', 2), 'join must wait for the last task_done');
      },
      'join returned only after the third task_done',
    )),
  },
  {
    id: 'queue.task-done-too-many-raises',
    title: 'Calling task_done more times than items were taken raises ValueError',
    topic: 'queue',
    source: from('basics', '第三版', '如果调用此方法的次数大于从队列中删除的项目数量，将引发ValueError异常。'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'joinable-queue'],
    tags: ['errors'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('one item, two task_done calls', {
          objects: { q: { type: 'queue', joinable: true } },
          actors: [thread('main', [op.put('q', 'a'), op.get('q'), op.taskDone('q'), op.taskDone('q'), op.joinQueue('q')])],
        }),
      ],
      (run) => {
        expectCompleted(run);
        expect(find(run, 'main', 'task_done', 0).outcome === 'ok', 'the first task_done failed');
        expectError(find(run, 'main', 'task_done', 1), 'ValueError');
        expect(find(run, 'main', 'join_queue').outcome === 'ok', 'join after the error did not return: the failed task_done corrupted the count');
      },
      'the second task_done raised ValueError and the count stayed consistent',
    )),
  },
  {
    id: 'queue.producer-does-not-wait-for-consumer',
    title: 'Through a blocking queue the producer hands items off without waiting for the consumer to process them',
    topic: 'queue',
    source: from('basics', '什么是生产者消费者模式', '所以生产者生产完数据之后不用等待消费者处理，直接扔给阻塞队列'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'queue'],
    tags: ['producer-consumer', 'also:001-§11', 'also:003-§25'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('a fast producer and a slow consumer over an unbounded queue', {
          objects: { q: { type: 'queue', maxsize: 0 } },
          actors: [
            thread('producer', [...range(8).map((i) => op.put('q', i)), op.mark('produced')]),
            thread('consumer', [op.repeat(8, [op.get('q'), op.sleep(1)])]),
          ],
        }),
      ],
      (run) => {
        expectCompleted(run);
        const gets = all(run, 'get');
        expectValues(gets, range(8), 'consumed');
        expectBefore(find(run, 'producer', 'mark'), gets[2], 'the producer must finish while the consumer is still working');
      },
      'the producer finished before the consumer had taken its third item, and nothing was lost or reordered',
    )),
  },
  {
    id: 'queue.bounded-queue-balances',
    title: 'A bounded queue is a buffer: a fast producer is held back to the consumer\'s pace',
    topic: 'queue',
    source: from('basics', '什么是生产者消费者模式', '阻塞队列就相当于一个缓冲区，平衡了生产者和消费者的处理能力'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'queue'],
    tags: ['producer-consumer', 'maxsize'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('Queue(2), eight items, a slow consumer', {
          objects: { q: { type: 'queue', maxsize: 2 } },
          actors: [thread('producer', range(8).map((i) => op.put('q', i))), thread('consumer', [op.repeat(8, [op.sleep(1), op.get('q')])])],
        }),
      ],
      (run) => {
        expectCompleted(run);
        const puts = all(run, 'put');
        const gets = all(run, 'get');
        expectValues(gets, range(8), 'consumed');
        // With room for 2, put k (0-based) can only complete once k-2+1 items have been taken.
        for (let k = 2; k < 8; k++) {
          expectReturnedAfter(puts[k], gets[k - 2], `put #${k + 1} into a Queue(2) must wait for get #${k - 1}`);
        }
      },
      'each put beyond the first two waited for the consumer',
    )),
  },
];
