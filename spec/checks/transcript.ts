import type { Json, Scenario } from '../../harness/scenario/model';
import type { ScenarioResult } from '../../harness/scenario/result';
import type { Interval } from '../../harness/checkers/intervals';
import { describeOperation } from '../../harness/checkers/describe';
import { op, proc, scenario } from '../dsl';
import { expect, JudgeFailure, operations } from '../judging';

/**
 * Reading the transcript a `program` op returns (docs/example-programs.md): the records the
 * program reported, its exit, and how many of its processes outlived it.
 */

export interface TraceRecord {
  /** ms on the scenario's clock */
  time: number;
  pid: number;
  /** set for records written by a worker thread */
  thread?: number;
  event: string;
  [field: string]: Json | undefined;
}

export interface Transcript {
  pid: number;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  survivors: number;
  records: TraceRecord[];
  stdout: string;
  stderr: string;
}

/** The documents' seconds in program scenarios: long enough for process start-up to be small beside them. */
export const PROGRAM_UNIT_MS = 100;

/**
 * A scenario with one process, `main`, running the example program `name`. `timeout` (units)
 * ends a program that never ends by itself; the deadline leaves room for the program's start-up.
 */
export function programScenario(title: string, name: string, args: { [key: string]: Json } = {}, options: { timeout?: number; unitMs?: number; deadlineUnits?: number } = {}): Scenario {
  const unitMs = options.unitMs ?? PROGRAM_UNIT_MS;
  return scenario(title, {
    timeUnitMs: unitMs,
    deadlineUnits: options.deadlineUnits ?? Math.max(300, (options.timeout ?? 0) + 200),
    objects: {},
    actors: [proc('main', [op.program(name, args, options.timeout)])],
  });
}

/** The transcript of the first program `actor` ran; fails the judge if the program could not run. */
export function transcript(run: ScenarioResult, actor = 'main'): Transcript {
  const ran = operations(run).find((o) => o.actor === actor && o.f === 'program');
  if (ran === undefined) throw new JudgeFailure(`${actor} ran no program`);
  if (ran.outcome !== 'ok') throw new JudgeFailure(`the program did not run to its end: ${describeOperation(ran)}${run.error ? ` (${run.error})` : ''}`);
  return ran.value as unknown as Transcript;
}

export function records(t: Transcript, event: string, where: (r: TraceRecord) => boolean = () => true): TraceRecord[] {
  return t.records.filter((r) => r.event === event && where(r));
}

/** Requires the program to have ended normally, with nothing of it left running. */
export function expectCleanExit(t: Transcript): void {
  expect(!t.timedOut && t.exitCode === 0, `expected the program to end with status 0, it ended with ${t.timedOut ? 'a timeout' : `code ${t.exitCode}, signal ${t.signal}`}: ${t.stderr.slice(-400)}`);
  expect(t.survivors === 0, `${t.survivors} process(es) of the program outlived it`);
}

/**
 * Intervals between an `enter` record and the next `leave` record with the same key field
 * (e.g. `user`): what a process held, as the program reported it.
 */
export function recordIntervals(t: Transcript, enter: string, leave: string, key: string): Interval[] {
  const open = new Map<string, Interval>();
  const intervals: Interval[] = [];
  for (const r of t.records) {
    const who = String(r[key]);
    if (r.event === enter) {
      const interval: Interval = { actor: who, label: `${enter}…${leave}`, start: r.time, end: Infinity };
      open.set(who, interval);
      intervals.push(interval);
    } else if (r.event === leave && open.has(who)) {
      open.get(who)!.end = r.time;
      open.delete(who);
    }
  }
  return intervals;
}
