import { threadsOrTasks, type Claim } from './claim';
import { from } from './sources';
import { op, scenario, thread, threads } from './dsl';
import { all, checkEvery, expect, expectCompleted, expectError, expectValue, expectValues, find } from './judging';

/** Queue size claims: qsize/empty/full, maxsize < 1, and when put does (not) block. */

export const claims: Claim[] = [
  {
    id: 'queue.qsize-empty-full',
    title: 'qsize, empty and full report the queue\'s current state',
    topic: 'queue',
    source: from('netStyle', '11、队列(queue)', 'print(q.qsize())  # 返回队列的大小'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'queue'],
    tags: ['state'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('the document\'s sequence: put 12, alex, {age: 15}; get', {
          objects: { q: { type: 'queue', maxsize: 0 } },
          actors: [thread('main', [op.put('q', 12), op.put('q', 'alex'), op.put('q', { age: 15 }), op.get('q'), op.qsize('q'), op.empty('q'), op.full('q')])],
        }),
      ],
      (run) => {
        expectValue(find(run, 'main', 'get'), 12);
        expectValue(find(run, 'main', 'qsize'), 2);
        expectValue(find(run, 'main', 'empty'), false);
        expectValue(find(run, 'main', 'full'), false);
      },
      'get → 12, qsize → 2, empty → False, full → False',
    )),
  },
  {
    id: 'queue.full-then-empty',
    title: 'A Queue(3) is full after three puts and empty after three gets',
    topic: 'queue',
    source: from('basics', '队列的用法', 'print(q.full())  # True'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'queue'],
    tags: ['state', 'maxsize'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('Queue(3): put ×3, full, get ×3, empty', {
          objects: { q: { type: 'queue', maxsize: 3 } },
          actors: [thread('main', [op.put('q', 3), op.put('q', 3), op.put('q', 3), op.full('q'), op.get('q'), op.get('q'), op.get('q'), op.empty('q')])],
        }),
      ],
      (run) => {
        expectValue(find(run, 'main', 'full'), true);
        expectValues(all(run, 'get'), [3, 3, 3], 'gets');
        expectValue(find(run, 'main', 'empty'), true);
      },
      'full() was True after three puts and empty() True after three gets',
    )),
  },
  {
    id: 'queue.unbounded-below-one',
    title: 'A maxsize below 1 means the queue is unbounded',
    topic: 'queue',
    source: from('netStyle', '11、队列(queue)', '如果maxsize小于1就表示队列长度无限'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'queue'],
    tags: ['maxsize'],
    check: threadsOrTasks(checkEvery(
      [0, -1].map((maxsize) =>
        scenario(`Queue(${maxsize}) takes 500 non-blocking puts`, {
          objects: { q: { type: 'queue', maxsize } },
          actors: [thread('main', [op.repeat(500, [op.putNowait('q', 'x')]), op.full('q'), op.qsize('q')])],
        }),
      ),
      (run) => {
        const failed = all(run, 'put_nowait').filter((o) => o.outcome !== 'ok');
        expect(failed.length === 0, `${failed.length} of 500 put_nowait calls failed (first: ${failed[0]?.error})`);
        expectValue(find(run, 'main', 'full'), false);
        expectValue(find(run, 'main', 'qsize'), 500);
      },
      'every put_nowait succeeded and full() stayed False',
    )),
  },
  {
    id: 'queue.put-blocks-when-full-not-empty',
    title: 'put blocks when the queue is full, not when it is empty (the document says "empty")',
    topic: 'queue',
    source: from('netStyle', '11、队列(queue)', '如果队列当前为空且block为1,put()方法就使调用线程暂停,直到空处一个数据单元'),
    kind: 'contested',
    contest: {
      says: 'put() blocks the calling thread when the queue is empty (until a slot frees up)',
      actually: 'put() never blocks on an empty queue; it blocks only while the queue is full (maxsize reached)',
      evidence: 'CPython 3.11 Lib/queue.py Queue.put waits on not_full only "if self.maxsize > 0" and "while self._qsize() >= self.maxsize"; queue.Queue(1).put(1) on the empty queue returns at once',
    },
    level: 'MUST',
    capabilities: ['threads', 'queue'],
    tags: ['blocking', 'doc-error'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('put into an empty Queue(1), then into the full one', {
          objects: { q: { type: 'queue', maxsize: 1 } },
          actors: [thread('main', [op.put('q', 'first'), op.mark('put-done'), op.put('q', 'second', { timeout: 2 })]), thread('clock', [op.sleep(6), op.mark('late')])],
        }),
      ],
      (run) => {
        expectCompleted(run);
        const first = find(run, 'main', 'put', 0);
        expect(first.outcome === 'ok', 'the put into the empty queue failed');
        const late = find(run, 'clock', 'mark');
        expect((first.returnTime ?? Infinity) < late.invokeTime, 'the put into the empty queue did not return before a 6-unit sleep in another thread ended: it blocked');
        expectError(find(run, 'main', 'put', 1), 'Full');
      },
      'the put into the empty queue returned at once; the put into the full queue blocked until its timeout',
    )),
  },
  {
    id: 'queue.list-not-thread-safe',
    title: 'A plain list is not safe for check-then-act across threads; a queue is',
    topic: 'queue',
    source: from('netStyle', '11、队列(queue)', '列表是不安全的数据结构:'),
    kind: 'executable',
    level: 'SHOULD',
    capabilities: ['threads', 'cell', 'queue'],
    tags: ['racy', 'check-then-act', 'outcome-histogram'],
    check: {
      type: 'scenario',
      repeat: 3,
      scenarios: [
        // The list: `if L: (sleep) L.pop()`. The list's length lives in a cell; each thread
        // checks it, is held up between the check and the pop (as a thread switch would), and
        // pops on what it saw. Every thread that saw the item "gets" it.
        scenario('5 threads on a one-item list: if L: sleep; L.pop()', {
          timeUnitMs: 20,
          objects: { L: { type: 'cell', initial: 1 } },
          actors: threads('t', 5, () => [op.read('L', 'n'), { op: 'when', value: { reg: 'n' }, equals: 1, then: [op.sleep(2), op.write('L', { reg: 'n', add: -1 }), op.mark('popped')] }]),
        }),
        // The queue: get_nowait checks and takes in one step under the queue's own lock.
        scenario('5 threads on a one-item Queue: get_nowait()', {
          timeUnitMs: 20,
          objects: { q: { type: 'queue', maxsize: 0 } },
          actors: [thread('filler', [op.put('q', 'item')]), ...threads('t', 5, () => [op.sleep(1), op.getNowait('q')])],
        }),
      ],
      outcomes: {
        // How many threads ended up with the one item.
        key: (run) => {
          const list = run.history.some((e) => e.f === 'read');
          const takers = list ? run.history.filter((e) => e.type === 'ok' && e.f === 'mark').length : run.history.filter((e) => e.type === 'ok' && e.f === 'get_nowait').length;
          return `${list ? 'list' : 'queue'}: ${takers} taker(s)`;
        },
        grade: (key) => (key === 'list: 1 taker(s)' || key === 'queue: 1 taker(s)' ? 'acceptable' : /^list: [2-5] taker/.test(key) ? 'interesting' : 'forbidden'),
        mustSee: ['interesting'],
        describe: {
          acceptable: 'one thread took the one item',
          interesting: 'the list: several threads saw the item and all popped it (check-then-act race; CPython raises IndexError on the second pop)',
          forbidden: 'nobody took the item, or the queue gave one item to several threads',
        },
      },
    },
  },
];

