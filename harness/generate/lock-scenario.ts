import * as fc from 'fast-check';
import type { Op, Scenario } from '../scenario/model';
import { actorsOf, blocks, generatedScenario, pause } from './frame';

/**
 * Scenarios on one Lock or RLock `lk`. Each actor runs blocks that hold nothing between them:
 * `with lk:` around a sleep (nested twice for an RLock), a timed or non-blocking acquire
 * followed by a release, a stray release, a pause. A Lock may be released by any actor, so a
 * release after a failed acquire ends someone else's hold or raises; an RLock's raises. Either
 * way every hold is followed by its holder's release, and with a single lock no actor waits
 * for another that waits: the scenarios cannot deadlock on a correct lock.
 */

export type LockKind = 'lock' | 'rlock';

const acquire: Op = { op: 'acquire', target: 'lk' };
const release: Op = { op: 'release', target: 'lk' };

/** `with lk:` around a sleep; for an RLock, `with lk:` twice over. */
function heldBlock(kind: LockKind): fc.Arbitrary<Op[]> {
  return pause(3).map((inside): Op[] => (kind === 'rlock' ? [acquire, acquire, inside, release, release] : [acquire, inside, release]));
}

function lockBlock(kind: LockKind): fc.Arbitrary<Op[]> {
  const held = heldBlock(kind);
  const timed = fc.tuple(fc.integer({ min: 0, max: 4 }), pause(2)).map(([timeout, inside]): Op[] => [{ op: 'acquire', target: 'lk', timeout }, inside, release]);
  const attempt = fc.constant<Op[]>([{ op: 'acquire', target: 'lk', blocking: false }, release]);
  return fc.oneof(
    { arbitrary: held, weight: 4 },
    { arbitrary: timed, weight: 2 },
    { arbitrary: attempt, weight: 2 },
    { arbitrary: fc.constant<Op[]>([release]), weight: 1 },
    { arbitrary: pause(3).map((p) => [p]), weight: 1 },
  );
}

export function lockScenarios(kind: LockKind): fc.Arbitrary<Scenario> {
  // The first actor starts with a plain hold, so every scenario has something to judge.
  const first = fc.tuple(heldBlock(kind), blocks(lockBlock(kind), { min: 0, max: 3 })).map(([a, b]) => [...a, ...b]);
  return fc
    .tuple(first, actorsOf(blocks(lockBlock(kind), { min: 1, max: 4 }), { min: 1, max: 3 }))
    .map(([ops, others]) => generatedScenario(kind === 'rlock' ? 'RLock' : 'Lock', { lk: { type: kind } }, [{ name: 'a0', kind: 'thread', ops }, ...others]));
}
