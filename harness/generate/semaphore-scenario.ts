import * as fc from 'fast-check';
import type { Op, Scenario } from '../scenario/model';
import { actorsOf, blocks, generatedScenario, pause } from './frame';

/**
 * Scenarios on one Semaphore(N) or BoundedSemaphore(N) `sm`, N from 1 to 3, with up to N + 2
 * actors so that more want in than may. Actors hold `with sm:` around a sleep; a
 * BoundedSemaphore also gets stray releases and non-blocking attempts followed by a release,
 * which raise ValueError at the bound (a plain Semaphore would simply grow, so it gets neither).
 * Every acquire is followed by its actor's release, so no acquirer waits forever.
 */

export type SemaphoreKind = 'semaphore' | 'bounded-semaphore';

function semaphoreBlock(kind: SemaphoreKind): fc.Arbitrary<Op[]> {
  const release: Op = { op: 'release', target: 'sm' };
  const held = fc.tuple(fc.constantFrom<Op>({ op: 'acquire', target: 'sm' }, { op: 'acquire', target: 'sm', timeout: null }), fc.integer({ min: 1, max: 3 })).map(([acquire, units]): Op[] => [acquire, { op: 'sleep', units }, release]);
  const plain = [{ arbitrary: held, weight: 5 }, { arbitrary: pause(2).map((p) => [p]), weight: 1 }];
  if (kind === 'semaphore') return fc.oneof(...plain);
  return fc.oneof(...plain, { arbitrary: fc.constant<Op[]>([release]), weight: 1 }, { arbitrary: fc.constant<Op[]>([{ op: 'acquire', target: 'sm', blocking: false }, release]), weight: 1 });
}

export function semaphoreScenarios(kind: SemaphoreKind): fc.Arbitrary<Scenario> {
  return fc.integer({ min: 1, max: 3 }).chain((value) =>
    actorsOf(blocks(semaphoreBlock(kind), { min: 1, max: 4 }), { min: value + 1, max: value + 2 }).map((actors) =>
      generatedScenario(kind === 'semaphore' ? `Semaphore(${value})` : `BoundedSemaphore(${value})`, { sm: { type: kind, value } }, actors),
    ),
  );
}
