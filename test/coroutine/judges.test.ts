import type { Json } from '../../harness/scenario/model';
import * as judges from '../../spec/checks/coroutine-programs';
import type { TranscriptJudge } from '../../spec/checks/coroutine-programs';
import type { TraceRecord, Transcript } from '../../spec/checks/transcript';
import { JudgeFailure } from '../../spec/judging';

/** The coroutine programs' judges over hand-written transcripts: what passes, and what fails. */

type Rec = [time: number, event: string, fields?: { [k: string]: Json }];

function transcriptOf(recs: Rec[]): Transcript {
  const records: TraceRecord[] = recs.map(([time, event, fields]) => ({ time, pid: 1, event, ...(fields ?? {}) }));
  return { pid: 1, exitCode: 0, signal: null, timedOut: false, survivors: 0, records, stdout: '', stderr: '' };
}

function verdict(judge: TranscriptJudge, recs: Rec[], unitMs = 100): string {
  try {
    judge(transcriptOf(recs), unitMs);
    return 'ok';
  } catch (e) {
    if (e instanceof JudgeFailure) return `fail: ${e.message}`;
    throw e;
  }
}

const say = (time: number, task: string, text: string): Rec => [time, 'say', { task, text }];

describe('generator judges', () => {
  const primed: Rec = [0, 'primed', { error: 'TypeError', message: "can't send non-None value to a just-started generator" }];
  const produced: Rec[] = [
    [1, 'produce', { n: 0 }],
    [2, 'consume', { consumer: 'C1', data: 0 }],
    [3, 'consume', { consumer: 'C2', data: 1 }],
  ];

  it('primedBeforeSend wants the TypeError and the values in order', () => {
    expect(verdict(judges.primedBeforeSend, [primed, ...produced])).toBe('ok');
    expect(verdict(judges.primedBeforeSend, [[0, 'primed', { error: 'none', message: '' }], ...produced])).toMatch(/^fail: send\(1\)/);
    expect(verdict(judges.primedBeforeSend, [primed, produced[0], produced[2], [4, 'consume', { consumer: 'C1', data: 1 }]])).toMatch(/^fail: after __next__/);
  });

  it('yieldKeepsState wants func2, func2, then func1 counting on between them', () => {
    const alternating: Rec[] = [
      [1, 'func2', { k: 0 }],
      [2, 'func2', { k: 1 }],
      [3, 'func1', { i: 0 }],
      [4, 'func2', { k: 2 }],
      [5, 'func1', { i: 1 }],
    ];
    expect(verdict(judges.yieldKeepsState, alternating)).toBe('ok');
    const restarted = alternating.map((r): Rec => (r[1] === 'func1' ? [r[0], 'func1', { i: 0 }] : r));
    expect(verdict(judges.yieldKeepsState, restarted)).toMatch(/^fail/);
  });

  it('yieldDoesNotSwitchOnIo fails when the other task ran inside a sleep', () => {
    const sleeps: Rec[] = [
      [1, 'sleep-start', { task: 'func2' }],
      [100, 'sleep-end', { task: 'func2' }],
      [101, 'func1', { i: 0 }],
    ];
    expect(verdict(judges.yieldDoesNotSwitchOnIo, sleeps)).toBe('ok');
    expect(verdict(judges.yieldDoesNotSwitchOnIo, [sleeps[0], [50, 'func1', { i: 0 }], sleeps[1]])).toMatch(/nothing else ran/);
  });

  it('yieldSlowerForComputation compares the best times', () => {
    expect(verdict(judges.yieldSlowerForComputation, [[1, 'timing', { serialCpuMs: 10, yieldCpuMs: 30 }], [2, 'timing', { serialCpuMs: 12, yieldCpuMs: 25 }]])).toBe('ok');
    expect(verdict(judges.yieldSlowerForComputation, [[1, 'timing', { serialCpuMs: 10, yieldCpuMs: 10.5 }]])).toMatch(/^fail/);
  });
});

describe('scheduling judges', () => {
  it('nonPreemptive fails on a tick while the hog ran', () => {
    const ok: Rec[] = [[0, 'tick', { i: 0 }], [1, 'hog-start'], [200, 'hog-end'], [201, 'tick', { i: 1 }]];
    expect(verdict(judges.nonPreemptive, ok)).toBe('ok');
    expect(verdict(judges.nonPreemptive, [...ok, [100, 'tick', { i: 9 }]])).toMatch(/no tick while/);
  });

  it('noLocksWithExplicitSwitching wants the safe count exact and the racy one short', () => {
    const safe: Rec = [1, 'counter', { switchInside: false, final: 600, expected: 600 }];
    expect(verdict(judges.noLocksWithExplicitSwitching, [safe, [2, 'counter', { switchInside: true, final: 200, expected: 600 }]])).toBe('ok');
    expect(verdict(judges.noLocksWithExplicitSwitching, [[1, 'counter', { switchInside: false, final: 599, expected: 600 }], [2, 'counter', { switchInside: true, final: 200, expected: 600 }]])).toMatch(/no increment is lost/);
    expect(verdict(judges.noLocksWithExplicitSwitching, [safe, [2, 'counter', { switchInside: true, final: 600, expected: 600 }]])).toMatch(/increments are lost/);
  });

  it('noMulticore and singleThread want one thread; noMulticore no speed-up', () => {
    const cpu = (serialCpuMs: number, coroutineCpuMs: number, threads: number[], coroutineMs = 100): Rec => [1, 'cpu', { serialMs: 100, serialCpuMs, coroutineMs, coroutineCpuMs, threads }];
    expect(verdict(judges.noMulticore, [cpu(30, 28, [7])])).toBe('ok');
    expect(verdict(judges.noMulticore, [cpu(100, 190, [7], 100)])).toMatch(/at most one core/);
    expect(verdict(judges.noMulticore, [cpu(100, 50, [7])])).toMatch(/as much CPU/);
    expect(verdict(judges.noMulticore, [cpu(100, 100, [7, 8])])).toMatch(/one thread/);
    expect(verdict(judges.singleThread, [cpu(100, 100, [7])])).toBe('ok');
    expect(verdict(judges.singleThread, [cpu(100, 100, [7]), cpu(100, 100, [8])])).toMatch(/same thread/);
  });

  it('blockingCallBlocksThread wants the ticker held up for the whole call', () => {
    const ok: Rec[] = [[0, 'ticker', { i: 0 }], [5, 'block-start'], [305, 'block-end'], [306, 'ticker', { i: 1 }]];
    expect(verdict(judges.blockingCallBlocksThread, ok)).toBe('ok');
    expect(verdict(judges.blockingCallBlocksThread, [...ok, [150, 'ticker', { i: 5 }]])).toMatch(/no tick during/);
  });

  it('manyIdleTasks wants the waits together, not one after another', () => {
    expect(verdict(judges.manyIdleTasks, [[1, 'many', { tasks: 10000, elapsedMs: 900, sleepMs: 200 }]])).toBe('ok');
    expect(verdict(judges.manyIdleTasks, [[1, 'many', { tasks: 10000, elapsedMs: 50000, sleepMs: 200 }]])).toMatch(/^fail/);
  });

  it('switchingCheaperThanThreads wants cheaper switches and a gap that grows', () => {
    const cost = (tasks: number, coroutineMs: number, threadMs: number): Rec => [tasks, 'switch-cost', { tasks, coroutineMs, threadMs }];
    expect(verdict(judges.switchingCheaperThanThreads, [cost(2, 0.1, 20), cost(4, 0.2, 45)])).toBe('ok');
    expect(verdict(judges.switchingCheaperThanThreads, [cost(2, 10, 12), cost(4, 20, 45)])).toMatch(/under half/);
    expect(verdict(judges.switchingCheaperThanThreads, [cost(2, 0.1, 40), cost(4, 0.2, 30)])).toMatch(/grows/);
  });
});

describe('greenlet and gevent judges', () => {
  it('greenletSwitchOrder and greenletFirstSwitchPassesArgs compare the printed lines', () => {
    const print = (part: string, text: string): Rec => [1, 'print', { part, text }];
    expect(verdict(judges.greenletSwitchOrder, ['1', '3', '2', '4'].map((t) => print('order', t)))).toBe('ok');
    expect(verdict(judges.greenletSwitchOrder, ['1', '2', '3', '4'].map((t) => print('order', t)))).toMatch(/^fail/);
    const args = ['taibai eat 1', 'taibai play 1', 'taibai eat 2', 'taibai play 2'];
    expect(verdict(judges.greenletFirstSwitchPassesArgs, args.map((t) => print('args', t)))).toBe('ok');
    expect(verdict(judges.greenletFirstSwitchPassesArgs, args.map((t) => print('args', t.replace('taibai', 'None'))))).toMatch(/^fail/);
  });

  it('greenletBlocksOnIo wants the other greenlet only after the sleep', () => {
    expect(verdict(judges.greenletBlocksOnIo, [[0, 'sleep-start'], [200, 'sleep-end'], [201, 'other-runs']])).toBe('ok');
    expect(verdict(judges.greenletBlocksOnIo, [[0, 'sleep-start'], [100, 'other-runs'], [200, 'sleep-end']])).toMatch(/^fail/);
  });

  const switching: Rec[] = [say(0, 'eat', 'alex eat 1'), say(1, 'play', 'taibai play 1'), say(101, 'play', 'taibai play 2'), say(201, 'eat', 'alex eat 2'), [202, 'joined', { elapsedMs: 202 }], say(203, 'main', '主')];
  const blocking: Rec[] = [say(0, 'eat', 'alex eat 1'), say(200, 'eat', 'alex eat 2'), say(201, 'play', 'taibai play 1'), say(301, 'play', 'taibai play 2'), [302, 'joined', { elapsedMs: 302 }], say(303, 'main', '主')];

  it('geventSleepSwitches and timeSleepDoesNotSwitch tell overlapping sleeps from serial ones', () => {
    expect(verdict(judges.geventSleepSwitches, switching)).toBe('ok');
    expect(verdict(judges.geventSleepSwitches, blocking)).toMatch(/^fail: expected/);
    expect(verdict(judges.timeSleepDoesNotSwitch, blocking)).toBe('ok');
    expect(verdict(judges.timeSleepDoesNotSwitch, switching)).toMatch(/^fail: expected/);
    const slow = switching.map((r): Rec => (r[1] === 'joined' ? [r[0], 'joined', { elapsedMs: 300 }] : r));
    expect(verdict(judges.geventSleepSwitches, slow)).toMatch(/not the sum/);
  });

  it('dummyThreadNames wants Dummy-N in greenlets and MainThread in main', () => {
    const names = (eat: string, play: string, main: string): Rec[] => [
      [0, 'thread-name', { task: 'eat', name: eat }],
      [1, 'thread-name', { task: 'play', name: play }],
      [2, 'thread-name', { task: 'main', name: main }],
    ];
    expect(verdict(judges.dummyThreadNames, names('Dummy-1', 'Dummy-2', 'MainThread'))).toBe('ok');
    expect(verdict(judges.dummyThreadNames, names('DummyThread-1', 'DummyThread-2', 'MainThread'))).toMatch(/^fail/);
    expect(verdict(judges.dummyThreadNames, names('Dummy-1', 'Dummy-1', 'MainThread'))).toMatch(/^fail/);
  });

  it('oneOsThread wants every greenlet on the main thread', () => {
    const idents = (other: number): Rec[] => ['main', 'g0', 'g1', 'g2', 'g3', 'g4'].map((task, i): Rec => [i, 'ident', { task, ident: task === 'g4' ? other : 5 }]);
    expect(verdict(judges.oneOsThread, idents(5))).toBe('ok');
    expect(verdict(judges.oneOsThread, idents(6))).toMatch(/one OS thread/);
  });

  it('geventRequestsNeedPatching wants serial fetches unpatched and overlapping ones patched', () => {
    const serial = (patch: boolean): Rec[] => [[0, 'get-start', { url: 'a' }], [100, 'got', { url: 'a' }], [101, 'get-start', { url: 'b' }], [200, 'got', { url: 'b' }], [201, 'joined', { patch }]];
    const overlapping = (patch: boolean): Rec[] => [[0, 'get-start', { url: 'a' }], [1, 'get-start', { url: 'b' }], [100, 'got', { url: 'a' }], [101, 'got', { url: 'b' }], [102, 'joined', { patch }]];
    expect(verdict(judges.geventRequestsNeedPatching, serial(false))).toBe('ok');
    expect(verdict(judges.geventRequestsNeedPatching, overlapping(true))).toBe('ok');
    expect(verdict(judges.geventRequestsNeedPatching, overlapping(false))).toMatch(/one after the previous|only after/);
    expect(verdict(judges.geventRequestsNeedPatching, serial(true))).toMatch(/overlapped/);
  });
});
