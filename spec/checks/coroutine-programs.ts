import type { Scenario } from '../../harness/scenario/model';
import type { ScenarioResult } from '../../harness/scenario/result';
import type { ScenarioCheck } from '../claim';
import { checkEvery, expect } from '../judging';
import { expectCleanExit, programScenario, records, transcript, type TraceRecord, type Transcript } from './transcript';

/**
 * Coroutines (000 协程, 001 十三 协程, 003 §42-44) from the example programs coroutine-yield,
 * coroutine-scheduling, greenlet-switch and gevent-sleep. Each judge reads one transcript and
 * the scenario's time unit; timings are judged by order, overlap and ratios within the run.
 */

export type TranscriptJudge = (t: Transcript, unitMs: number) => void;

function programCheck(scenario: Scenario, body: TranscriptJudge, summary: string): ScenarioCheck {
  return checkEvery(
    [scenario],
    (run: ScenarioResult, s: Scenario) => {
      const t = transcript(run);
      expectCleanExit(t);
      body(t, s.timeUnitMs);
    },
    summary,
  );
}

const texts = (rs: TraceRecord[]): string => rs.map((r) => String(r.text)).join(', ');

/** The record of `event` that is alone in the transcript; fails if there is none. */
function only(t: Transcript, event: string, where?: (r: TraceRecord) => boolean): TraceRecord {
  const [r] = records(t, event, where);
  expect(r !== undefined, `the program reported no ${event} record`);
  return r;
}

function between(t: Transcript, start: number, end: number, event: string, where?: (r: TraceRecord) => boolean): TraceRecord[] {
  return records(t, event, where).filter((r) => r.time > start && r.time < end);
}

// --- coroutine-yield ---

export const primedBeforeSend: TranscriptJudge = (t) => {
  const primed = only(t, 'primed');
  expect(primed.error === 'TypeError' && String(primed.message).includes('just-started'), `send(1) to an unprimed consumer raises TypeError("can't send non-None value to a just-started generator"), got ${JSON.stringify(primed)}`);
  const produced = records(t, 'produce').map((r) => Number(r.n));
  expect(produced.length > 0, 'the primed producer produced');
  const consumed = (who: string): string => records(t, 'consume', (r) => r.consumer === who).map((r) => r.data).join(',');
  expect(consumed('C1') === produced.join(',') && consumed('C2') === produced.map((n) => n + 1).join(','), `after __next__(), C1 got ${produced.join(',')} and C2 the odd ones, in order; got C1 ${consumed('C1')}, C2 ${consumed('C2')}`);
};

export const yieldKeepsState: TranscriptJudge = (t) => {
  const turns = t.records.filter((r) => r.event === 'func1' || r.event === 'func2');
  const rounds = records(t, 'func2').length;
  expect(rounds >= 2, 'func2 printed at least twice');
  // func2 k, then (from k=1) func1 resumes after its yield: i counts on from where it stopped.
  const expected: string[] = [];
  for (let k = 0; k < rounds; k++) {
    expected.push(`func2 ${k}`);
    if (k >= 1) expected.push(`func1 ${k - 1}`);
  }
  const seen = turns.map((r) => (r.event === 'func2' ? `func2 ${r.k}` : `func1 ${r.i}`));
  expect(seen.join(', ') === expected.join(', '), `the two tasks alternate, func1 counting on where it left off: expected ${expected.join(', ')}, got ${seen.join(', ')}`);
};

export const yieldDoesNotSwitchOnIo: TranscriptJudge = (t) => {
  const starts = records(t, 'sleep-start');
  const ends = records(t, 'sleep-end');
  expect(starts.length > 0 && starts.length === ends.length, 'each task reported its sleeps');
  starts.forEach((s, i) => {
    const e = ends[i];
    expect(e.task === s.task, `sleep ${i} ended in the task that began it`);
    const others = t.records.filter((r) => r.time > s.time && r.time < e.time && r.event !== 'sleep-end');
    expect(others.length === 0, `while ${s.task} was in time.sleep, nothing else ran; saw ${JSON.stringify(others.slice(0, 2))}`);
  });
};

export const yieldSlowerForComputation: TranscriptJudge = (t) => {
  const timings = records(t, 'timing');
  expect(timings.length > 0, 'the program timed the computations');
  // CPU time: on a loaded machine, wall-clock time mostly measures the other processes.
  const serial = Math.min(...timings.map((r) => Number(r.serialCpuMs)));
  const interleaved = Math.min(...timings.map((r) => Number(r.yieldCpuMs)));
  expect(interleaved > serial * 1.1, `interleaving with yield costs more CPU than serial (best of ${timings.length}): ${interleaved.toFixed(2)} ms vs ${serial.toFixed(2)} ms`);
};

// --- coroutine-scheduling ---

export const nonPreemptive: TranscriptJudge = (t) => {
  const start = only(t, 'hog-start');
  const end = only(t, 'hog-end');
  expect(records(t, 'tick').some((r) => r.time < start.time), 'the ticker ran before the hog');
  expect(between(t, start.time, end.time, 'tick').length === 0, 'no tick while the hog ran without yielding');
  expect(records(t, 'tick').some((r) => r.time > end.time), 'the ticker ran on once the hog yielded');
};

export const noLocksWithExplicitSwitching: TranscriptJudge = (t) => {
  const safe = only(t, 'counter', (r) => r.switchInside === false);
  const racy = only(t, 'counter', (r) => r.switchInside === true);
  expect(safe.final === safe.expected, `with no yield between read and write, no increment is lost and no lock is needed: ${safe.final} of ${safe.expected}`);
  expect(Number(racy.final) < Number(racy.expected), `with a yield between read and write, increments are lost (${racy.final} of ${racy.expected}): the proviso matters`);
};

function cpuThreads(t: Transcript): Set<string> {
  return new Set(records(t, 'cpu').flatMap((r) => (Array.isArray(r.threads) ? r.threads.map(String) : [])));
}

/**
 * Judged by CPU time, which other processes on a loaded machine cannot inflate: the coroutines
 * never had more than one core's worth of CPU per unit of wall-clock time, and interleaving made
 * the work no smaller than serial.
 */
export const noMulticore: TranscriptJudge = (t) => {
  const runs = records(t, 'cpu');
  expect(runs.length > 0, 'the program timed the CPU-bound work');
  expect(cpuThreads(t).size === 1, `every coroutine ran on one thread, got ${[...cpuThreads(t)].join(', ')}`);
  const show = runs.map((r) => `${Number(r.coroutineCpuMs).toFixed(1)} ms CPU in ${Number(r.coroutineMs).toFixed(1)} ms (serial ${Number(r.serialCpuMs).toFixed(1)} ms CPU)`).join('; ');
  expect(runs.every((r) => Number(r.coroutineCpuMs) <= 1.25 * Number(r.coroutineMs)), `the coroutines used at most one core at a time: ${show}`);
  const serialCpu = Math.min(...runs.map((r) => Number(r.serialCpuMs)));
  const coroutineCpu = Math.min(...runs.map((r) => Number(r.coroutineCpuMs)));
  expect(coroutineCpu >= 0.7 * serialCpu, `the CPU-bound coroutines needed as much CPU as the serial work: ${show}`);
};

export const singleThread: TranscriptJudge = (t) => {
  const threads = cpuThreads(t);
  expect(threads.size === 1, `every coroutine step ran on the same thread, got ${[...threads].join(', ')}`);
  const workerRecords = t.records.filter((r) => r.thread !== undefined && r.event !== 'ticker' && r.event !== 'many');
  expect(workerRecords.length === 0 || new Set(workerRecords.map((r) => r.thread)).size === 1, 'no coroutine reported from a second thread');
};

export const blockingCallBlocksThread: TranscriptJudge = (t) => {
  const start = only(t, 'block-start');
  const end = only(t, 'block-end');
  const before = records(t, 'ticker', (r) => r.time < start.time);
  const after = records(t, 'ticker', (r) => r.time > end.time);
  expect(before.length > 0 && after.length > 0, 'the ticker ticked before and after the blocking call');
  expect(between(t, start.time, end.time, 'ticker').length === 0, 'no tick during the blocking call');
  const gap = after[0].time - before[before.length - 1].time;
  expect(gap >= 0.9 * (end.time - start.time), `the ticker was held up for the whole blocking call: a gap of ${gap.toFixed(0)} ms`);
};

export const manyIdleTasks: TranscriptJudge = (t) => {
  const many = only(t, 'many');
  const serialMs = Number(many.tasks) * Number(many.sleepMs);
  expect(Number(many.elapsedMs) < serialMs / 100, `${many.tasks} coroutines each waiting ${many.sleepMs} ms finished together in ${Number(many.elapsedMs).toFixed(0)} ms (one after another: ${serialMs} ms)`);
};

// --- switch-cost ---

/** Per ring size, the best of its rounds: what a switch costs when nothing else interferes. */
export const switchingCheaperThanThreads: TranscriptJudge = (t) => {
  const best = new Map<number, { coroutineMs: number; threadMs: number }>();
  for (const r of records(t, 'switch-cost')) {
    const tasks = Number(r.tasks);
    const seen = best.get(tasks) ?? { coroutineMs: Infinity, threadMs: Infinity };
    best.set(tasks, { coroutineMs: Math.min(seen.coroutineMs, Number(r.coroutineMs)), threadMs: Math.min(seen.threadMs, Number(r.threadMs)) });
  }
  const sizes = [...best.entries()].sort((a, b) => a[0] - b[0]).map(([tasks, times]) => ({ tasks, ...times }));
  expect(sizes.length >= 2, 'the program timed at least two ring sizes');
  const show = sizes.map((r) => `${r.tasks} tasks: ${r.coroutineMs.toFixed(2)} ms vs ${r.threadMs.toFixed(2)} ms`).join('; ');
  expect(sizes.every((r) => r.threadMs > 2 * r.coroutineMs), `passing the token between coroutines costs under half what it costs between threads (coroutines vs threads): ${show}`);
  const gap = (r: { coroutineMs: number; threadMs: number }): number => r.threadMs - r.coroutineMs;
  expect(gap(sizes[sizes.length - 1]) > gap(sizes[0]), `the time coroutines save grows with the number of tasks: ${show}`);
};

// --- greenlet-switch ---

export const greenletSwitchOrder: TranscriptJudge = (t) => {
  const got = texts(records(t, 'print', (r) => r.part === 'order'));
  expect(got === '1, 3, 2, 4', `test1/test2 print 1 3 2 4, got ${got}`);
};

export const greenletFirstSwitchPassesArgs: TranscriptJudge = (t) => {
  const got = texts(records(t, 'print', (r) => r.part === 'args'));
  expect(got === 'taibai eat 1, taibai play 1, taibai eat 2, taibai play 2', `eat/play print taibai eat 1, taibai play 1, taibai eat 2, taibai play 2, got ${got}`);
};

export const greenletBlocksOnIo: TranscriptJudge = (t, unitMs) => {
  const start = only(t, 'sleep-start');
  const end = only(t, 'sleep-end');
  const other = only(t, 'other-runs');
  expect(other.time > end.time, 'the other greenlet ran only after the blocking sleep returned and it was switched to');
  expect(end.time - start.time >= unitMs, 'the blocking sleep lasted its time');
};

// --- gevent-sleep ---

function sayings(t: Transcript): TraceRecord[] {
  return records(t, 'say', (r) => r.task !== 'main');
}

function taskSpan(t: Transcript, task: string): { start: number; end: number } {
  const rs = records(t, 'say', (r) => r.task === task);
  expect(rs.length === 2, `${task} printed twice`);
  return { start: rs[0].time, end: rs[1].time };
}

function expectOrder(t: Transcript, expected: string): void {
  const got = texts(sayings(t));
  expect(got === expected, `expected ${expected}, got ${got}`);
  expect(records(t, 'say', (r) => r.task === 'main').length === 1, 'main printed 主 after joinall');
}

function expectSleepsOverlap(t: Transcript, unitMs: number): void {
  const eat = taskSpan(t, 'eat');
  const play = taskSpan(t, 'play');
  expect(eat.start < play.end && play.start < eat.end, "eat's and play's sleeps overlapped");
  const elapsed = Number(only(t, 'joined').elapsedMs);
  expect(elapsed < 0.9 * 3 * unitMs, `both took about the longer sleep (2 units), not the sum (3 units): ${elapsed.toFixed(0)} ms at ${unitMs} ms a unit`);
}

export const geventSleepSwitches: TranscriptJudge = (t, unitMs) => {
  expectOrder(t, 'alex eat 1, taibai play 1, taibai play 2, alex eat 2');
  expectSleepsOverlap(t, unitMs);
};

export const timeSleepDoesNotSwitch: TranscriptJudge = (t, unitMs) => {
  expectOrder(t, 'alex eat 1, alex eat 2, taibai play 1, taibai play 2');
  const eat = taskSpan(t, 'eat');
  const play = taskSpan(t, 'play');
  expect(eat.end <= play.start, 'play started only once eat had finished its time.sleep');
  const elapsed = Number(only(t, 'joined').elapsedMs);
  expect(elapsed >= 0.9 * 3 * unitMs, `the sleeps added up (3 units): ${elapsed.toFixed(0)} ms at ${unitMs} ms a unit`);
};

export const monkeyPatchMakesSleepSwitch: TranscriptJudge = (t, unitMs) => {
  expectOrder(t, 'eat food 1, play 1, play 2, eat food 2');
  expectSleepsOverlap(t, unitMs);
};

export const dummyThreadNames: TranscriptJudge = (t) => {
  const name = (task: string): string => String(only(t, 'thread-name', (r) => r.task === task).name);
  const eat = name('eat');
  const play = name('play');
  expect(/^Dummy-\d+$/.test(eat) && /^Dummy-\d+$/.test(play) && eat !== play, `each greenlet has a dummy thread of its own named Dummy-N (not DummyThread-N), got ${eat}, ${play}`);
  expect(name('main') === 'MainThread', `the main code is in MainThread, got ${name('main')}`);
};

export const oneOsThread: TranscriptJudge = (t) => {
  const idents = records(t, 'ident');
  const tasks = new Set(idents.map((r) => r.task));
  expect(tasks.has('main') && tasks.size >= 6, `main and five greenlets reported their thread, got ${[...tasks].join(', ')}`);
  const distinct = new Set(idents.map((r) => String(r.ident)));
  expect(distinct.size === 1, `all ran on the one OS thread of the main code, got ${[...distinct].join(', ')}`);
};

// --- gevent-requests ---

/** Without patch_all the fetches run one after another; with it they all wait at once. */
export const geventRequestsNeedPatching: TranscriptJudge = (t) => {
  const patch = only(t, 'joined').patch === true;
  const starts = records(t, 'get-start');
  const gots = records(t, 'got');
  expect(starts.length >= 2 && gots.length === starts.length, 'every greenlet fetched its page');
  if (patch) {
    const firstAnswer = Math.min(...gots.map((r) => r.time));
    expect(starts.every((r) => r.time < firstAnswer), 'with monkey.patch_all() every fetch began before the first answer came: they overlapped');
  } else {
    const serial = starts.slice(1).every((r, i) => r.time > gots[i].time);
    expect(serial, `without monkey.patch_all() each fetch began only after the previous one had its answer: ${texts(t.records.filter((r) => r.event === 'get-start' || r.event === 'got'))}`);
  }
};

// --- the checks ---

const yieldProgram = programScenario('000/003: generator coroutines (yield)', 'coroutine-yield');
const scheduling = programScenario('000/003: coroutines on one thread', 'coroutine-scheduling');
const switchCost = programScenario('000/001: a token passed round a ring of coroutines and of threads', 'switch-cost');
const greenlets = programScenario('000/003: greenlet switching', 'greenlet-switch');
const gevent = (mode: string): Scenario => programScenario(`003 §44: gevent with ${mode}`, 'gevent-sleep', { mode });

const fetches = [false, true].map((patch) => programScenario(`000: four greenlets fetching pages, ${patch ? 'with' : 'without'} monkey.patch_all()`, 'gevent-requests', { patch }));

export const checks = {
  primedBeforeSend: programCheck(yieldProgram, primedBeforeSend, 'an unprimed consumer refused send(); primed ones got every value in order'),
  yieldKeepsState: programCheck(yieldProgram, yieldKeepsState, 'func1 and func2 alternated, func1 resuming with its count kept'),
  yieldDoesNotSwitchOnIo: programCheck(yieldProgram, yieldDoesNotSwitchOnIo, 'a time.sleep inside a generator let nothing else run'),
  yieldSlowerForComputation: programCheck(yieldProgram, yieldSlowerForComputation, 'pure computation interleaved with yield was slower than serial'),
  nonPreemptive: programCheck(scheduling, nonPreemptive, 'a coroutine that did not yield kept the others waiting'),
  noLocksWithExplicitSwitching: programCheck(scheduling, noLocksWithExplicitSwitching, 'with no switch point between read and write, no increment was lost without a lock'),
  noMulticore: programCheck(scheduling, noMulticore, 'CPU-bound coroutines ran on one thread, one core at a time, needing as much CPU as the serial work'),
  singleThread: programCheck(scheduling, singleThread, 'every coroutine ran on one thread'),
  blockingCallBlocksThread: programCheck(scheduling, blockingCallBlocksThread, 'a blocking call in one coroutine stalled the others for its whole length'),
  manyIdleTasks: programCheck(scheduling, manyIdleTasks, 'ten thousand coroutines waited together in about the time of one wait'),
  switchingCheaperThanThreads: programCheck(switchCost, switchingCheaperThanThreads, 'switching coroutines was cheaper than switching threads, and saved more with more tasks'),
  greenletSwitchOrder: programCheck(greenlets, greenletSwitchOrder, 'the greenlets printed 1 3 2 4'),
  greenletFirstSwitchPassesArgs: programCheck(greenlets, greenletFirstSwitchPassesArgs, 'the first switch passed the name; eat and play alternated'),
  greenletBlocksOnIo: programCheck(greenlets, greenletBlocksOnIo, 'a blocking call in a greenlet held up the other until it returned'),
  geventSleepSwitches: programCheck(gevent('gevent-sleep'), geventSleepSwitches, 'gevent.sleep switched: eat 1, play 1, play 2, eat 2, in about the longer sleep'),
  timeSleepDoesNotSwitch: programCheck(gevent('time-sleep'), timeSleepDoesNotSwitch, 'unpatched time.sleep blocked: eat finished before play began'),
  monkeyPatchMakesSleepSwitch: programCheck(gevent('monkey-patch'), monkeyPatchMakesSleepSwitch, 'after patch_all, time.sleep switched'),
  dummyThreadNames: programCheck(gevent('monkey-patch'), dummyThreadNames, 'under monkey patching the greenlets were dummy threads Dummy-1/Dummy-2, the main code MainThread'),
  geventRequestsNeedPatching: checkEvery(
    fetches,
    (run, s) => {
      const t = transcript(run);
      expectCleanExit(t);
      geventRequestsNeedPatching(t, s.timeUnitMs);
    },
    'the listing as written (no patch_all) fetched the pages one after another; with patch_all they overlapped',
  ),
  oneOsThread: programCheck(gevent('gevent-sleep'), oneOsThread, 'all greenlets ran on the one OS thread of the main code'),
};
