import type { ScenarioCheck } from '../claim';
import { checkEvery, expect, expectCompleted } from '../judging';
import { expectCleanExit, programScenario, records, transcript, type TraceRecord, type Transcript } from './transcript';

/** Queues, pipes and managers between processes (000, 001 §17, 002, 004), from the example programs. */

function clean(run: Parameters<Parameters<typeof checkEvery>[1]>[0]): Transcript {
  expectCompleted(run);
  const t = transcript(run);
  expectCleanExit(t);
  return t;
}

const kinds = programScenario('000/001: a thread queue, a thread lock and a process queue given to a child', 'queue-kinds', { patience: 3 });

export const threadQueueNotBetweenProcesses: ScenarioCheck = checkEvery(
  [kinds],
  (run) => {
    const t = clean(run);
    expect(records(t, 'parent-got-nothing', (r) => r.kind === 'thread-queue').length === 1, 'nothing put into the thread queue reached the parent');
    expect(records(t, 'parent-got', (r) => r.kind === 'process-queue').map((r) => r.item).join(',') === '123,456', "the process queue carried the child's items");
  },
  "the thread queue carried nothing to the parent (it cannot even be sent to a child); the process queue did",
);

export const threadLockIsNotProcessLock: ScenarioCheck = checkEvery(
  [kinds],
  (run) => {
    const t = clean(run);
    const [start] = records(t, 'start', (r) => r.kind === 'thread-lock');
    expect(start !== undefined, 'the program tried to give a threading.Lock to two children');
    // Either it cannot be sent at all (spawn: cannot pickle) or each child gets its own copy
    // (fork), which both children then hold at the same time.
    if (start.error !== 'none') return;
    const [held] = records(t, 'held-at-once', (r) => r.kind === 'thread-lock');
    expect(held?.count === 2, `two children given the same threading.Lock both held it at once (each its own copy), got ${JSON.stringify(held)}`);
  },
  'a thread lock could not be given to a process at all, or each child held its own copy at the same moment: it cannot exclude processes',
);

const closing = programScenario('004: close(), join_thread() and a consumer blocked while the producer closes', 'queue-close', { patience: 3 });

export const closeStopsPutsFlushesRest: ScenarioCheck = checkEvery(
  [closing],
  (run) => {
    const t = clean(run);
    const [after] = records(t, 'put-after-close');
    expect(after?.error === 'ValueError' && String(after.message).endsWith('is closed'), `a put after close() raises ValueError('Queue ... is closed'), got ${JSON.stringify(after)}`);
    expect(records(t, 'parent-got').map((r) => r.item).join(',') === '1,2', 'the items put before close() were still read by the parent');
  },
  'after close() this process could put no more, and the items put before were still read elsewhere',
);

export const closeSendsNoEof: ScenarioCheck = checkEvery(
  [closing],
  (run) => {
    const t = clean(run);
    const [got] = records(t, 'consumer-get');
    const [closed] = records(t, 'closer-closed');
    const [started] = records(t, 'consumer-started');
    expect(started !== undefined && closed !== undefined && started.time < closed.time, 'the producer closed the queue while the consumer was waiting in get()');
    expect(got?.error === 'Empty' && got.time > closed.time, `the blocked get() only timed out (queue.Empty) after the producer closed: no end-of-data error, got ${JSON.stringify(got)}`);
  },
  "closing the queue in another process gave the blocked consumer no signal: its get() just timed out",
);

export const joinThreadFlushesOnly: ScenarioCheck = checkEvery(
  [closing],
  (run) => {
    const t = clean(run);
    expect(records(t, 'join-thread-before-close')[0]?.error === 'AssertionError', 'join_thread() before close() raises AssertionError');
    const returned = records(t, 'join-thread-returned')[0];
    const firstRead = records(t, 'parent-got')[0];
    expect(returned !== undefined && firstRead !== undefined && returned.time < firstRead.time, 'after close(), join_thread() returned before anyone had read the items');
  },
  'join_thread() needs close() first and then returns without waiting for a consumer',
);

const pipes = programScenario('000/001: Pipe() between two processes, and Pipe(duplex=False)', 'pipes');

export const pipeDuplexByDefault: ScenarioCheck = checkEvery(
  [pipes],
  (run) => {
    const t = clean(run);
    expect(JSON.stringify(records(t, 'child-got')[0]?.data) === '{"ping":1}' && JSON.stringify(records(t, 'parent-got')[0]?.data) === '{"reply":"pong"}', 'both ends of Pipe() sent and received');
    const oneWay = (use: string) => records(t, 'one-way', (r) => r.use === use)[0];
    expect(oneWay('send on the read end')?.message === 'connection is read-only' && oneWay('send on the read end')?.error === 'OSError', 'sending on the read end of Pipe(False) raises OSError: connection is read-only');
    expect(oneWay('recv on the write end')?.message === 'connection is write-only', 'receiving on the write end raises OSError: connection is write-only');
    expect(records(t, 'after-close')[0]?.error === 'EOFError', 'recv() after the other end closed (and was drained) raises EOFError');
  },
  'Pipe() was two-way; Pipe(False) had a read-only and a write-only end; a closed end meant EOFError',
);

export const exchangeNotShare: ScenarioCheck = checkEvery(
  [pipes],
  (run) => {
    const t = clean(run);
    expect(JSON.stringify(records(t, 'receiver-changed')[0]?.copy) === '[1,2,99]' && JSON.stringify(records(t, 'sender-has')[0]?.original) === '[1,2]', "the receiver changed its copy; the sender's object stayed [1, 2]");
  },
  "what went through the pipe was a copy: the receiver's change did not reach the sender",
);

const demo = programScenario('000: a child fills a Manager list and dict, and a plain list', 'manager-demo', { rounds: 3 });

function seen(t: Transcript): TraceRecord {
  const [record] = records(t, 'parent-sees');
  expect(record !== undefined, 'the parent looked');
  return record;
}

export const managerProxiesShare: ScenarioCheck = checkEvery(
  [demo],
  (run) => {
    const t = clean(run);
    const made = records(t, 'child-made').map((r) => r.num);
    const sees = seen(t);
    expect(JSON.stringify(sees.managerList) === JSON.stringify(made), `the parent saw the child's appends through the manager list: ${JSON.stringify(sees.managerList)}`);
    expect((sees.managerDict as unknown[]).length === new Set(made).size, "and the child's keys in the manager dict");
  },
  "the changes the child made through the proxies were seen by the parent",
);

export const managerListRequired: ScenarioCheck = checkEvery(
  [demo],
  (run) => {
    const t = clean(run);
    const sees = seen(t);
    expect(JSON.stringify(sees.plainList) === '[]' && (sees.managerList as unknown[]).length === 3, 'the plain list stayed empty in the parent; the manager list had the three items');
  },
  "a plain list changed in the child stayed unchanged in the parent; only the manager's list was shared",
);

const MANAGED = ['list', 'dict', 'Namespace', 'Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Condition', 'Event', 'Barrier', 'Queue', 'Value', 'Array'];

export const managerSupportedTypes: ScenarioCheck = checkEvery(
  [programScenario('001: every type a Manager supports, created and used once', 'manager-types')],
  (run) => {
    const t = clean(run);
    for (const name of MANAGED) {
      const [r] = records(t, 'type', (x) => x.name === name);
      expect(r?.works === true, `Manager().${name} works: ${JSON.stringify(r)}`);
    }
  },
  'the manager created and served all thirteen types',
);

export const managerQueueBounded: ScenarioCheck = checkEvery(
  // One consumer (the document has three) so that the producer surely outpaces it and fills the
  // queue: with three, whether it ever fills depends on the random sleeps and on start-up.
  [programScenario('002: a Manager().Queue(5), one quick producer, one consumer taking one every 2', 'producer-consumer-manager', { items: 10, consumers: 1, maxsize: 5 }, { timeout: 40 })],
  (run, s) => {
    expectCompleted(run);
    const t = transcript(run);
    expect(t.timedOut, 'the consumers loop forever, so the program never ends');
    expect(records(t, 'get-done').length === 10, 'all ten items were consumed');
    // Certainly in the queue at time x: puts done by then minus gets started by then.
    for (const r of t.records) {
      const done = records(t, 'put-done', (p) => p.time <= r.time).length;
      const started = records(t, 'get-start', (g) => g.time <= r.time).length;
      expect(done - started <= 5, `at ${r.time.toFixed(0)}ms ${done} puts were done and only ${started} gets had started: more than 5 in the queue`);
    }
    const longestPut = Math.max(...records(t, 'put-done').map((p) => p.time - records(t, 'put-start', (q) => q.item === p.item)[0].time));
    expect(longestPut >= s.timeUnitMs, 'the producer was held up by the full queue');
  },
  'the shared Manager queue never held more than 5 items: the producer blocked until the consumers made room',
);

const feederExit = programScenario('004: a child puts 1 MiB nobody reads, then returns, with and without cancel_join_thread()', 'cancel-join-thread', { patience: 3 });

export const cancelJoinThread: ScenarioCheck = checkEvery(
  [feederExit],
  (run) => {
    const t = clean(run);
    const at = (event: string, cancel: boolean) => records(t, event, (r) => r.cancel === cancel)[0];
    const waiting = at('after-join', false);
    expect(waiting?.alive === true && waiting.exitcode === null, `without cancel_join_thread() the child had not ended after returning: its exit waits for the feeder, got ${JSON.stringify(waiting)}`);
    const read = at('parent-read', false);
    const ended = at('ended', false);
    expect(read?.length === 1024 * 1024 && ended?.exitcode === 0 && ended.time >= read.time, 'it ended (status 0) once the parent had read the item');
    const cancelled = at('after-join', true);
    expect(cancelled?.alive === false && cancelled.exitcode === 0, `with cancel_join_thread() the child ended at once without anyone reading, got ${JSON.stringify(cancelled)}`);
    expect(at('parent-read', true) === undefined, 'nobody read its queue');
  },
  "without cancel_join_thread() the child's exit waited for its unflushed item to be read; with it the child ended at once",
);
