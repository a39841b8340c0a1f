import type { HistoryEvent, Operation } from '../scenario/history';
import type { Judgement } from '../../spec/claim';
import { describeInterval, intervalToJson, overlaps, type Interval } from './intervals';
import { describeOperation, operationToJson } from './describe';
import { judgeOperations } from './operations';

/**
 * Mutual exclusion of a threading.Lock when any actor may release it, as Python allows: a
 * release after a failed acquire, or a stray one, ends whoever's hold there is. The hold
 * tracker (holds.ts) must guess whose hold such a release ended; this check does not guess.
 * Each actor's own hold runs from its acquire's return to its own next release; two such holds
 * that overlap are a violation unless some other successful release could have freed the lock
 * in between, in either order of the two acquires: one that began before the second hold did and
 * returned after the first acquire began. Sound whatever the releases did; strict where no
 * release is foreign.
 */

interface OwnHold extends Interval {
  acquire: Operation;
  /** The actor's own release that ends the hold, if it made one. */
  release?: Operation;
}

function ownHolds(ops: readonly Operation[]): OwnHold[] {
  const holds: OwnHold[] = [];
  const byActor = new Map<string, Operation[]>();
  for (const o of ops) byActor.set(o.actor, [...(byActor.get(o.actor) ?? []), o]);
  for (const [actor, mine] of byActor) {
    mine.forEach((o, i) => {
      if (o.f !== 'acquire' || o.outcome !== 'ok' || o.value !== true) return;
      const release = mine.slice(i + 1).find((x) => x.f === 'release');
      holds.push({ actor, label: `holds ${o.target ?? '?'}`, start: o.returnTime!, end: release?.invokeTime ?? Infinity, acquire: o, ...(release === undefined ? {} : { release }) });
    });
  }
  return holds;
}

export function checkLockExclusion(history: readonly HistoryEvent[], target: string): Judgement {
  return judgeOperations(history, (all) => {
    const ops = all.filter((o) => o.target === target).sort((a, b) => a.invokeTime - b.invokeTime);
    const holds = ownHolds(ops);
    if (holds.length === 0) return { ok: false, message: `mutual exclusion on ${target}: no acquire succeeded, nothing to judge` };
    const releases = ops.filter((o) => o.f === 'release' && o.outcome === 'ok');
    for (const [i, a] of holds.entries()) {
      for (const b of holds.slice(i + 1)) {
        if (!overlaps(a, b)) continue;
        // Either acquire may have taken effect first (each anywhere between its call and its
        // return), so the holds are explained if either order leaves room for a freeing release.
        const freedBetween = (first: OwnHold, second: OwnHold) =>
          releases.some((r) => r !== first.release && r.invokeTime < second.start && r.returnTime! > first.acquire.invokeTime);
        if (freedBetween(a, b) || freedBetween(b, a)) continue;
        const [first, second] = a.start <= b.start ? [a, b] : [b, a];
        return {
          ok: false,
          message: `mutual exclusion on ${target} violated: ${describeInterval(first)} overlaps ${describeInterval(second)}, and no release could have freed the lock in between`,
          evidence: { overlapping: [intervalToJson(first), intervalToJson(second)], acquires: [operationToJson(first.acquire), operationToJson(second.acquire)] },
        };
      }
    }
    const foreign = releases.filter((r) => !holds.some((h) => h.release === r));
    return {
      ok: true,
      message: `mutual exclusion on ${target}: ${holds.length} hold(s), none overlapping unexplained${foreign.length > 0 ? ` (${foreign.length} release(s) of another's hold, e.g. ${describeOperation(foreign[0]!)})` : ''}`,
    };
  });
}
