import { threadsOrTasks, type Claim } from './claim';
import { from } from './sources';
import { op, scenario, thread, threads } from './dsl';
import { all, checkEvery, expect, expectBefore, expectCompleted, expectReturnedAfter, expectValue, expectWaited, find } from './judging';
import * as syncPrograms from './checks/sync-programs';

/** threading.Event: a flag threads can wait for. */

const E = { e: { type: 'event' as const } };

export const claims: Claim[] = [
  {
    id: 'event.initially-false',
    title: 'A new Event\'s flag is False',
    topic: 'event',
    source: from('networking', '41. 事件 Event  进程/线程', '在 初始情况下,Event对象中的信号标志被设置为假。'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'event'],
    tags: ['state', 'also:001-§9'],
    check: threadsOrTasks(checkEvery(
      [scenario('is_set on a new event', { objects: E, actors: [thread('main', [op.isSet('e')])] })],
      (run) => expectValue(find(run, 'main', 'is_set'), false),
      'is_set() → False',
    )),
  },
  {
    id: 'event.wait-blocks-until-set',
    title: 'wait on a cleared event blocks until another thread sets it',
    topic: 'event',
    source: from('netStyle', '9、同步对象(Event)', 'If the flag is cleared, wait will block until it becomes set again.'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'event'],
    tags: ['blocking', 'also:004-事件'],
    check: threadsOrTasks(checkEvery(
      [scenario('a worker waits; the boss sets after 3 units', { objects: E, actors: [thread('worker', [op.wait('e')]), thread('boss', [op.sleep(3), op.set('e')])] })],
      (run) => {
        expectCompleted(run);
        const w = find(run, 'worker', 'wait');
        expectValue(w, true);
        expectReturnedAfter(w, find(run, 'boss', 'set'), 'wait must block until set');
      },
      'wait returned True only after set',
    )),
  },
  {
    id: 'event.set-wakes-every-waiter',
    title: 'Setting the flag wakes every thread waiting on the event',
    topic: 'event',
    source: from('networking', '41. 事件 Event  进程/线程', '一个线程如果将一个Event对象的信号标志设置为真,它将唤醒所有等待这个Event对象的线程。'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'event'],
    tags: ['wake-all', 'also:001-§9'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('five waiters, one set', {
          objects: E,
          actors: [...threads('w', 5, () => [op.wait('e')]), thread('setter', [op.sleep(3), op.set('e')])],
        }),
      ],
      (run) => {
        expectCompleted(run);
        const set = find(run, 'setter', 'set');
        const waits = all(run, 'wait');
        expect(waits.length === 5, `expected 5 waits, saw ${waits.length}`);
        for (const w of waits) {
          expectValue(w, true);
          expectReturnedAfter(w, set, `${w.actor} must be woken by the set`);
        }
      },
      'all five waiters returned True after the one set',
    )),
  },
  {
    id: 'event.any-number-of-waiters',
    title: 'Any number of threads may wait for the same event',
    topic: 'event',
    source: from('netStyle', '9、同步对象(Event)', 'Any number of threads may wait for the same event.'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'event'],
    tags: ['wake-all'],
    check: threadsOrTasks(checkEvery(
      [scenario('30 waiters, one set', { objects: E, actors: [...threads('w', 30, () => [op.wait('e')]), thread('setter', [op.sleep(3), op.set('e')])] })],
      (run) => {
        expectCompleted(run);
        const waits = all(run, 'wait');
        expect(waits.length === 30 && waits.every((w) => w.outcome === 'ok' && w.value === true), 'not all 30 waiters returned True');
      },
      'all 30 waiters were released by one set',
    )),
  },
  {
    id: 'event.wait-on-set-returns-at-once',
    title: 'wait on an event that is already set returns True at once',
    topic: 'event',
    source: from('netStyle', '9、同步对象(Event)', 'If the flag is set, the wait method doesn’t do anything.'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'event'],
    tags: ['also:003-§41', 'also:001-event.wait()  # 一旦event被设定,等同于pass'],
    check: threadsOrTasks(checkEvery(
      [scenario('set, then wait; another thread sleeps 5 units', { objects: E, actors: [thread('main', [op.set('e'), op.wait('e')]), thread('clock', [op.sleep(5), op.mark('late')])] })],
      (run) => {
        expectCompleted(run);
        const w = find(run, 'main', 'wait');
        expectValue(w, true);
        expectBefore(w, find(run, 'clock', 'mark'), 'wait on a set event must not block');
      },
      'wait returned True before a 5-unit sleep elsewhere ended',
    )),
  },
  {
    id: 'event.wait-timeout',
    title: 'wait(timeout) returns when the flag is set within the timeout, or when the timeout passes',
    topic: 'event',
    source: from('networking', '41. 事件 Event  进程/线程', 'event.wait(2) # 设置超时时间,若在设置时间内event为True或超出时间后都会执行下一行代码'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'event'],
    tags: ['timeout'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('set within the timeout: wait(6), set at 1', { objects: E, actors: [thread('main', [op.wait('e', 6)]), thread('setter', [op.sleep(1), op.set('e')])] }),
        scenario('never set: wait(2)', { objects: E, actors: [thread('main', [op.wait('e', 2)])] }),
      ],
      (run, s, i) => {
        expectCompleted(run);
        const w = find(run, 'main', 'wait');
        if (i === 0) {
          expectValue(w, true);
          expectReturnedAfter(w, find(run, 'setter', 'set'), 'wait must return because of the set');
        } else {
          expectValue(w, false);
          expectWaited(w, 2, s);
        }
      },
      'wait(timeout) returned True on set, False after the timeout',
    )),
  },
  {
    id: 'event.wait-timeout-then-flag-false',
    title: 'After wait(0.1) times out the flag is still False (the police car runs the red light)',
    topic: 'event',
    source: from('basics', '红绿灯案例', '# 阻塞,等待设置等待时间,等待0.1s之后没有等到绿灯就闯红灯走了'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'event'],
    tags: ['timeout'],
    check: threadsOrTasks(checkEvery(
      [scenario('wait(0.1 s = 2.5 units), then is_set', { objects: E, actors: [thread('police', [op.isSet('e'), op.wait('e', 2.5), op.isSet('e')])] })],
      (run, s) => {
        const w = find(run, 'police', 'wait');
        expectValue(w, false);
        expectWaited(w, 2.5, s);
        expectValue(find(run, 'police', 'is_set', 1), false);
      },
      'wait returned False after its timeout and the flag stayed False',
    )),
  },
  {
    id: 'event.clear-resets-flag',
    title: 'clear sets the flag back to False, so later waits block again',
    topic: 'event',
    source: from('networking', '41. 事件 Event  进程/线程', 'event.clear() # 恢复event的状态值为False。'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'event'],
    tags: ['state', 'also:001-§9-Worker'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('the Boss/Worker pattern: set, clear, wait again until set again', {
          objects: E,
          actors: [
            thread('worker', [op.wait('e'), op.clear('e'), op.isSet('e'), op.wait('e')]),
            thread('boss', [op.isSet('e'), op.set('e'), op.sleep(4), op.set('e')]),
          ],
        }),
      ],
      (run) => {
        expectCompleted(run);
        expectValue(find(run, 'boss', 'is_set'), false);
        expectValue(find(run, 'worker', 'is_set'), false);
        expectReturnedAfter(find(run, 'worker', 'wait', 1), find(run, 'boss', 'set', 1), 'the wait after clear must block until the second set');
      },
      'after clear the flag was False and the next wait blocked until the second set',
    )),
  },
  {
    id: 'event.flag-decides-blocking',
    title: 'wait blocks while the flag is False and does not block while it is True',
    topic: 'event',
    source: from('basics', '事件', '如果“Flag”值为 False，那么当程序执行 event.wait 方法时就会阻塞，如果“Flag”值为True，那么event.wait 方法时便不再阻塞'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['threads', 'event'],
    tags: ['blocking'],
    check: threadsOrTasks(checkEvery(
      [
        scenario('wait(2) on False times out; after set, wait(2) returns at once', {
          objects: E,
          actors: [thread('main', [op.wait('e', 2), op.set('e'), op.wait('e', 20)]), thread('clock', [op.sleep(10), op.mark('late')])],
        }),
      ],
      (run, s) => {
        const first = find(run, 'main', 'wait', 0);
        const second = find(run, 'main', 'wait', 1);
        expectValue(first, false);
        expectWaited(first, 2, s);
        expectValue(second, true);
        expectBefore(second, find(run, 'clock', 'mark'), 'wait on a True flag must not block');
      },
      'the wait on False blocked until its timeout; the wait on True returned at once',
    )),
  },
  {
    id: 'event.three-methods',
    title: 'An event offers set, wait and clear (and is_set) so one thread can control others',
    topic: 'event',
    source: from('basics', '事件', 'python线程的事件用于主线程控制其他线程的执行，事件主要提供了三个方法 set、wait、clear'),
    kind: 'informational',
    reason: 'An inventory of the API; each method\'s behaviour is its own claim (event.wait-blocks-until-set, event.clear-resets-flag, event.set-wakes-every-waiter).',
    level: 'MUST',
    capabilities: ['event'],
    tags: ['api'],
  },
  {
    id: 'event.wait-does-not-poll',
    title: 'Event.wait blocks on a lock; it does not poll the flag',
    topic: 'event',
    source: from('networking', '41. 事件 Event  进程/线程', 'event.wait() # 轮询检测event是否为True,若为True,则执行下一行代码(阻塞)'),
    kind: 'contested',
    contest: {
      says: 'event.wait() polls ("轮询检测") the flag until it becomes True',
      actually: 'CPython\'s Event.wait sleeps in Condition.wait, i.e. blocked on a lock acquire, and is woken by set(); it consumes no CPU while waiting. The reference implementation blocks in Atomics.wait likewise.',
      evidence: 'CPython 3.11 Lib/threading.py: Event.wait -> self._cond.wait(timeout) -> waiter.acquire(); Event.set -> self._cond.notify_all()',
    },
    level: 'MUST',
    capabilities: ['event'],
    tags: ['doc-error', 'implementation-detail'],
  },
  {
    id: 'event.isSet-is-deprecated',
    title: 'event.isSet() is a deprecated alias of is_set()',
    topic: 'event',
    source: from('networking', '41. 事件 Event  进程/线程', 'event.isSet() # 返回event的状态值；'),
    kind: 'contested',
    contest: {
      says: 'event.isSet() returns the flag',
      actually: 'it still works in 3.11 but has been a deprecated alias since Python 3.10 (DeprecationWarning: isSet() is deprecated, use is_set() instead); the name to use is is_set()',
      evidence: "CPython 3.11: python3 -W error -c 'import threading; threading.Event().isSet()' -> DeprecationWarning: isSet() is deprecated, use is_set() instead",
    },
    level: 'MUST',
    capabilities: ['event'],
    tags: ['python-version', 'python-api'],
  },
  {
    id: 'event.traffic-lights-processes',
    title: 'The traffic-light program: cars wait for green, police cars give up after 0.1 s, across processes',
    topic: 'event',
    source: from('basics', '红绿灯案例', '# 进程刚开启，is_set()的值是Flase，模拟信号灯为红色'),
    kind: 'executable',
    level: 'MUST',
    capabilities: ['processes', 'programs', 'event'],
    tags: ['processes', 'program'],
    check: syncPrograms.trafficLightsProgram,
  },
];
