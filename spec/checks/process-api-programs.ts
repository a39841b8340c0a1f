import type { ScenarioCheck } from '../claim';
import { checkEvery, expect } from '../judging';
import { expectCleanExit, programScenario, records, transcript, type Transcript } from './transcript';

/** The Process constructor, names and run() (000, 001 §16, 003 §16), from the example programs. */

const api = programScenario('001 §16 / 003 §16: the Process constructor and run()', 'process-api');

function ran(run: Parameters<Parameters<typeof checkEvery>[1]>[0]): Transcript {
  const t = transcript(run);
  expectCleanExit(t);
  return t;
}

export const subclassDefaultName: ScenarioCheck = checkEvery(
  [programScenario('000: five MyProcess instances print name, pid and is_alive()', 'process-names', { processes: 5 })],
  (run) => {
    const t = ran(run);
    const runs = records(t, 'run');
    const names = runs.map((r) => r.name).sort();
    expect(JSON.stringify(names) === JSON.stringify(['MyProcess-1', 'MyProcess-2', 'MyProcess-3', 'MyProcess-4', 'MyProcess-5']), `named after the class, numbered from 1: ${JSON.stringify(names)}`);
    expect(runs.every((r) => r.alive === true && r.reportedPid === r.pid && r.pid !== t.pid), "inside run(), is_alive() was True and pid was the child's own");
  },
  'MyProcess-1 .. MyProcess-5, each alive inside run() with its own pid',
);

export const groupMustBeNone: ScenarioCheck = checkEvery(
  [api],
  (run) => {
    const [group] = records(ran(run), 'group');
    expect(group?.error === 'AssertionError' && group.message === 'group argument must be None for now', `Process(group=...) raises AssertionError('group argument must be None for now'), got ${JSON.stringify(group)}`);
  },
  "Process(group=...) raised AssertionError('group argument must be None for now')",
);

export const nameArgument: ScenarioCheck = checkEvery(
  [api],
  (run) => {
    const t = ran(run);
    expect(records(t, 'named')[0]?.parent === '名字' && records(t, 'child-name')[0]?.name === '名字', 'the name given is what the parent and the child see');
  },
  "Process(name='名字') was named 名字 in the parent and in the child",
);

export const argsAnyIterable: ScenarioCheck = checkEvery(
  [api],
  (run) => {
    const t = ran(run);
    const list = records(t, 'args', (r) => r.given === 'list')[0];
    const text = records(t, 'args', (r) => r.given === 'a')[0];
    expect(JSON.stringify(list?.received) === '[1,2]', 'args given as a list reached the target as its arguments');
    expect(JSON.stringify(text?.received) === '["b"]', "args='ab' was spread into one argument per character: target('a', 'b')");
  },
  "args need not be a tuple: a list works, and a bare string becomes one argument per character",
);

export const startCallsRun: ScenarioCheck = checkEvery(
  [api],
  (run) => {
    const t = ran(run);
    expect(records(t, 'default-run').length === 1, "start() ran the default run(), which called the target");
    const sub = records(t, 'subclass-run')[0];
    expect(sub?.greeting === '怼怼哥' && String(sub.name).startsWith('MyProcess-'), "start() ran the subclass's run() in the child, with the object's own fields");
  },
  "start() ran run() in the child: the default one calls the target, a subclass's its own",
);

export const subclassMustInitParent: ScenarioCheck = checkEvery(
  [api],
  (run) => {
    const t = ran(run);
    const [noSuper] = records(t, 'no-super');
    expect(noSuper !== undefined && noSuper.error !== 'none' && records(t, 'no-super-ran').length === 0, `a subclass that skips the parent's initialiser can never be started, got ${JSON.stringify(noSuper)}`);
  },
  "a subclass that does not call the parent's initialiser could not be started (JavaScript refuses it at construction)",
);
