import type { Claim, Judgement, PropertyCheck } from './claim';
import { from } from './sources';
import { expect, expectCompleted, judge, ok } from './judging';
import type { Scenario } from '../harness/scenario/model';
import type { ScenarioResult } from '../harness/scenario/result';
import { CHILD_DONE, daemonScenarios, MAIN_DONE, poolWorkloadScenarios, type PoolWorkload } from '../harness/generate';
import { expectCutShort, expectNoMark, mark, opsOf } from './checks/marks';
import { expectCleanExit, records, transcript } from './checks/transcript';

/**
 * Property claims at process level: generated main programs with daemonic and non-daemonic
 * children, and generated Pool workloads run by the documents' pool program. Each scenario
 * starts real processes (about a second a run), so each claim draws only a few.
 */

/** A few scenarios each: enough to meet every kind of child and workload, few enough to stay within seconds. */
const PROCESS_RUNS = 4;

function processProperty(scenarios: PropertyCheck['scenarios'], body: (run: ScenarioResult, s: Scenario) => string): PropertyCheck {
  return { type: 'property', scenarios, maxRuns: PROCESS_RUNS, judge: (run, s): Judgement => judge(() => ok(body(run, s))) };
}

/** Daemonic children are cut off once main's code ends; the others run to their end, and the program waits for them. */
export function judgeDaemonChildren(run: ScenarioResult, s: Scenario): string {
  expectCompleted(run);
  const end = mark(run, 'main', MAIN_DONE);
  const children = s.actors.filter((a) => a.name !== 'main');
  for (const c of children.filter((a) => a.daemon === true)) {
    expectNoMark(run, c.name, CHILD_DONE, 'a daemonic child is terminated when the main code ends');
    for (const sleep of opsOf(run, c.name, 'sleep')) {
      expectCutShort(sleep, `${c.name}'s work is cut off`);
      expect((sleep.returnTime ?? Infinity) >= end.invokeTime, `${c.name} is cut off only after main's code ended`);
    }
  }
  for (const c of children.filter((a) => a.daemon !== true)) mark(run, c.name, CHILD_DONE);
  const daemons = children.filter((a) => a.daemon === true).length;
  return `${daemons} daemonic child(ren) ended with main's code; ${children.length - daemons} other(s) ran to their end`;
}

function workloadOf(s: Scenario): PoolWorkload {
  const program = s.actors[0]?.ops[0];
  if (program?.op !== 'program') throw new Error(`not a pool workload scenario: ${s.name}`);
  return program.args as unknown as PoolWorkload;
}

/** Every successful task's callback runs once, in the parent, with the task's return value (i + 100); the failing one goes to error_callback. */
export function judgePoolCallbacks(run: ScenarioResult, s: Scenario): string {
  expectCompleted(run);
  const t = transcript(run);
  expectCleanExit(t);
  const w = workloadOf(s);
  const parent = records(t, 'main')[0]?.pid;
  expect(parent !== undefined, 'the program reported its main process');
  const want = Array.from({ length: w.tasks }, (_, i) => i).filter((i) => i !== w.failAt).map((i) => i + 100);
  const callbacks = records(t, 'callback');
  const got = callbacks.map((r) => r.value as number).sort((a, b) => a - b);
  expect(JSON.stringify(got) === JSON.stringify(want), `one callback per successful task with its return value: want ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
  const stray = callbacks.filter((r) => r.pid !== parent);
  expect(stray.length === 0, `every callback runs in the main process (pid ${parent}); ${stray.map((r) => `callback ${String(r.value)} ran in pid ${r.pid}`).join(', ')}`);
  const errors = records(t, 'error-callback');
  expect(errors.length === (w.failAt >= 0 ? 1 : 0) && errors.every((r) => r.pid === parent && r.error === 'ValueError'), `error_callback once per failing task, in the main process, got ${errors.length}`);
  expect(records(t, 'task-start').every((r) => r.pid !== parent), 'the tasks ran in worker processes');
  return `Pool(${w.processes}): ${callbacks.length} callback(s) in the main process with the return values${errors.length ? ', one error_callback' : ''}`;
}

const base: Pick<Claim, 'kind' | 'level' | 'tags'> = { kind: 'executable', level: 'MUST', tags: ['property', 'generated'] };

export const claims: Claim[] = [
  {
    ...base,
    id: 'property.daemon-children-end-with-main',
    title: 'In any generated main program: daemonic children are ended when its code finishes, non-daemonic ones run to their end and keep it alive until then',
    topic: 'property',
    source: from('basics', '守护进程', '1. 守护进程会在主进程代码执行结束后就终止'),
    capabilities: ['processes'],
    tags: [...base.tags, 'daemon'],
    check: processProperty(daemonScenarios(), judgeDaemonChildren),
  },
  {
    ...base,
    id: 'property.pool-callbacks-in-parent',
    title: 'In any generated Pool workload: every apply_async callback runs in the parent process, once per successful task, with the task\'s return value',
    topic: 'property',
    source: from('netProg', '设置回调', '# 回调函数运行在主进程'),
    capabilities: ['programs', 'processes', 'pools'],
    tags: [...base.tags, 'callback', 'pid'],
    check: processProperty(poolWorkloadScenarios(), judgePoolCallbacks),
  },
];
