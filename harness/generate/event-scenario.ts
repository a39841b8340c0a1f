import * as fc from 'fast-check';
import type { Op, Scenario } from '../scenario/model';
import { actorsOf, blocks, generatedScenario, pause } from './frame';

/**
 * Scenarios on one Event `ev`: a setter that sets, clears and reads the flag between sleeps and
 * ends with a set it never undoes, and one to four waiters that wait (forever or with a
 * timeout), read the flag and sleep. The final set releases every waiter, so the scenarios
 * cannot hang on a correct event; a waiter still blocked at the deadline was never woken.
 */

const ev = 'ev';

const setterStep: fc.Arbitrary<Op[]> = fc.oneof(
  fc.integer({ min: 1, max: 3 }).map((units): Op[] => [{ op: 'sleep', units }]),
  fc.constant<Op[]>([{ op: 'set', target: ev }]),
  fc.constant<Op[]>([{ op: 'clear', target: ev }]),
  fc.constant<Op[]>([{ op: 'is_set', target: ev }]),
);

const waiterStep: fc.Arbitrary<Op[]> = fc.oneof(
  { arbitrary: fc.constant<Op[]>([{ op: 'wait', target: ev }]), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 4 }).map((timeout): Op[] => [{ op: 'wait', target: ev, timeout }]), weight: 2 },
  { arbitrary: fc.constant<Op[]>([{ op: 'is_set', target: ev }]), weight: 1 },
  { arbitrary: pause(3).map((p) => [p]), weight: 2 },
);

export function eventScenarios(): fc.Arbitrary<Scenario> {
  const setter = fc.tuple(blocks(setterStep, { min: 0, max: 5 }), pause(3)).map(([steps, last]): Op[] => [...steps, last, { op: 'set', target: ev }]);
  return fc
    .tuple(setter, actorsOf(blocks(waiterStep, { min: 1, max: 4 }), { min: 1, max: 4 }))
    .map(([setterOps, waiters]) => generatedScenario('Event', { [ev]: { type: 'event' } }, [{ name: 'setter', kind: 'thread', ops: setterOps }, ...waiters]));
}
