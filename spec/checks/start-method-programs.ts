import type { ScenarioCheck } from '../claim';
import { checkEvery, expect, expectCompleted } from '../judging';
import { programScenario, records, transcript, type Transcript } from './transcript';

/**
 * What a child starts with under each start method (003 §16, 000 注意点), from the example
 * program start-methods: fork gives the child a copy of the parent at start(); spawn and
 * forkserver a fresh interpreter with the module as imported, plus what it was given.
 */

const IMPORT_TIME = 'import-time';
const BEFORE_START = 'set by the parent before start';
/** Start methods whose child is a copy of its parent; the others re-import the main module. */
const COPYING = new Set(['fork']);
const KNOWN = new Set(['fork', 'spawn', 'forkserver']);

const startMethods = programScenario('003 §16 / 000: a module global and a global Queue seen by a child, under each start method', 'start-methods', { patience: 3 });

function methodsOf(run: Parameters<Parameters<typeof checkEvery>[1]>[0]): { t: Transcript; methods: string[] } {
  expectCompleted(run);
  const t = transcript(run);
  // Not expectCleanExit: spawn and forkserver leave their helper processes (the resource
  // tracker, the fork server) to end a moment after the main process, by design.
  expect(!t.timedOut && t.exitCode === 0, `the program ended with status 0, it ended with ${t.timedOut ? 'a timeout' : `code ${t.exitCode}, signal ${t.signal}`}: ${t.stderr.slice(-400)}`);
  const [declared] = records(t, 'start-methods');
  const methods = (declared?.all ?? []) as string[];
  expect(methods.length > 0 && methods.includes(String(declared?.default)), `the implementation names its start methods and its default among them, got ${JSON.stringify(declared)}`);
  for (const m of methods) expect(KNOWN.has(m), `a start method CPython knows: ${m}`);
  return { t, methods };
}

export const childStartsAsCopyUnderFork: ScenarioCheck = checkEvery(
  [startMethods],
  (run) => {
    const { t, methods } = methodsOf(run);
    for (const m of methods) {
      const [seen] = records(t, 'child-sees', (r) => r.method === m);
      const expected = COPYING.has(m) ? BEFORE_START : IMPORT_TIME;
      expect(seen?.data === expected, `under ${m} the child sees ${JSON.stringify(expected)} (${COPYING.has(m) ? "a copy of the parent's memory at start(), not its later change" : 'the module as imported, nothing of the parent'}), got ${JSON.stringify(seen?.data)}`);
    }
  },
  "only under fork did the child start with a copy of the parent's data (as it was at start()); under spawn and forkserver it had the module's import-time data",
);

export const globalQueueOnlyUnderFork: ScenarioCheck = checkEvery(
  [startMethods],
  (run) => {
    const { t, methods } = methodsOf(run);
    for (const m of methods) {
      expect(records(t, 'passed-queue', (r) => r.method === m)[0]?.got === 'from-argument', `under ${m} a Queue passed as an argument carries the child's item`);
      const [global] = records(t, 'global-queue', (r) => r.method === m);
      const [put] = records(t, 'global-queue-put', (r) => r.method === m);
      if (COPYING.has(m)) {
        expect(global?.got === 'from-global' && put?.error === null, `under ${m} the module-global Queue, never passed, carries the child's item too, got ${JSON.stringify(global)} ${JSON.stringify(put)}`);
      } else {
        expect(global?.got === null && typeof put?.error === 'string', `under ${m} the child's module global is not the parent's Queue (its put fails), got ${JSON.stringify(global)} ${JSON.stringify(put)}`);
      }
    }
  },
  'a queue passed as an argument worked under every start method; a module-global one only under fork',
);
