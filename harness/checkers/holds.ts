import type { Scenario } from '../scenario/model';
import type { Operation } from '../scenario/history';
import { formatTime } from './describe';
import type { Interval } from './intervals';

/**
 * Holding intervals of lock-like objects, derived from acquire/release (and Condition.wait)
 * operations. A hold is certain from the return of a successful acquire to the invoke of the
 * release that ends it; that is the only stretch the history guarantees.
 */

export type HoldKind =
  /** threading.Lock: not re-entrant, any actor may release it. */
  | 'lock'
  /** threading.RLock: re-entrant with a count, only the owner releases. */
  | 'rlock'
  /** Semaphore / BoundedSemaphore: many holders; any actor may release, `release(n)` ends n holds. */
  | 'semaphore';

export interface HoldSpec {
  kind: HoldKind;
  /**
   * Every object name that operates on the same underlying lock: the lock itself plus the
   * conditions built on it (their acquire/release/wait act on it).
   */
  targets: readonly string[];
}

export interface Hold extends Interval {
  /** The object named by the acquire that opened the hold. */
  target: string;
  /** Who ended it: differs from `actor` when a Lock or Semaphore was released by another actor. */
  releasedBy?: string;
}

export interface HoldAnalysis {
  holds: Hold[];
  /** Things the history shows that a hold tracker cannot place, e.g. a release with nothing held. */
  notes: string[];
}

function isLockLike(type: string): boolean {
  return type === 'lock' || type === 'rlock';
}

/**
 * How holds of `name` are tracked, from the scenario's declarations: a condition shares the
 * lock it was built on (or owns a fresh RLock), so its acquire/release count against that lock.
 */
export function holdSpecFor(scenario: Pick<Scenario, 'objects'>, name: string): HoldSpec {
  const decl = scenario.objects[name];
  if (!decl) throw new Error(`no object named ${name} in the scenario`);
  if (decl.type === 'semaphore' || decl.type === 'bounded-semaphore') return { kind: 'semaphore', targets: [name] };
  const base = decl.type === 'condition' ? decl.lock : name;
  if (decl.type !== 'condition' && !isLockLike(decl.type)) throw new Error(`${name} is a ${decl.type}, which has no holders`);
  if (base === undefined) return { kind: 'rlock', targets: [name] };
  const baseDecl = scenario.objects[base];
  if (!baseDecl || !isLockLike(baseDecl.type)) throw new Error(`condition ${name} names ${base}, which is not a lock or rlock`);
  const conditions = Object.entries(scenario.objects)
    .filter(([, d]) => d.type === 'condition' && d.lock === base)
    .map(([n]) => n);
  return { kind: baseDecl.type as 'lock' | 'rlock', targets: [base, ...conditions] };
}

type Step =
  | { kind: 'open'; op: Operation; time: number }
  | { kind: 'close'; op: Operation; time: number }
  | { kind: 'suspend'; op: Operation; time: number }
  | { kind: 'resume'; op: Operation; time: number };

/** Release-like steps sort before acquire-like ones at equal stamps: ties must not invent overlap. */
const STEP_RANK: Record<Step['kind'], number> = { close: 0, suspend: 0, open: 1, resume: 1 };

function stepsOf(operations: readonly Operation[], targets: ReadonlySet<string>): Step[] {
  const steps: Step[] = [];
  operations.forEach((op) => {
    if (op.target === undefined || !targets.has(op.target)) return;
    if (op.f === 'acquire' && op.outcome === 'ok' && op.value !== false) {
      // Python's acquire returns True or False; anything but False from a returned acquire is a success.
      steps.push({ kind: 'open', op, time: op.returnTime! });
    } else if (op.f === 'release' && op.outcome === 'ok') {
      steps.push({ kind: 'close', op, time: op.invokeTime });
    } else if (op.f === 'wait' && !(op.outcome === 'fail' && op.error === 'RuntimeError')) {
      // Condition.wait releases the lock for its whole duration and re-acquires it before returning.
      steps.push({ kind: 'suspend', op, time: op.invokeTime });
      if (op.returnTime !== undefined) steps.push({ kind: 'resume', op, time: op.returnTime });
    }
  });
  return steps.sort((a, b) => a.time - b.time || STEP_RANK[a.kind] - STEP_RANK[b.kind]);
}

/**
 * Holding intervals of one lock-like object. Holds never closed end at `Infinity`.
 * For a Lock or Semaphore, a release ends the releasing actor's own oldest hold if it has one,
 * otherwise the oldest hold of anyone (another actor may release). A release that finds nothing
 * held is kept for the next acquire that was already in flight when the release returned: the
 * two raced, and the resulting hold is empty rather than open forever.
 */
export function holdingIntervals(operations: readonly Operation[], spec: HoldSpec): HoldAnalysis {
  const targets = new Set(spec.targets);
  const holds: Hold[] = [];
  const notes: string[] = [];
  const open: Hold[] = [];
  /** Count of nested acquires for each RLock hold. */
  const depth = new Map<Hold, number>();
  /** Hold depth saved by Condition.wait, per actor, restored on return. */
  const suspended = new Map<string, number>();
  const earlyReleases: Operation[] = [];

  const name = spec.targets[0] ?? '?';
  const start = (op: Operation, time: number, count: number): void => {
    const hold: Hold = { actor: op.actor, label: `holds ${name}`, target: op.target!, start: time, end: Infinity };
    holds.push(hold);
    open.push(hold);
    depth.set(hold, count);
  };
  const finish = (hold: Hold, time: number, by: string): void => {
    hold.end = time;
    if (by !== hold.actor) hold.releasedBy = by;
    open.splice(open.indexOf(hold), 1);
  };
  const ownHold = (actor: string) => open.find((h) => h.actor === actor);

  for (const step of stepsOf(operations, targets)) {
    const { op, time } = step;
    if (step.kind === 'open') {
      const mine = ownHold(op.actor);
      if (spec.kind === 'rlock' && mine) {
        depth.set(mine, depth.get(mine)! + 1);
        continue;
      }
      if (spec.kind !== 'rlock') {
        const early = earlyReleases.findIndex((r) => r.returnTime! > op.invokeTime);
        if (early !== -1) {
          const [release] = earlyReleases.splice(early, 1) as [Operation];
          start(op, time, 1);
          finish(holds[holds.length - 1]!, release.invokeTime, release.actor);
          continue;
        }
      }
      start(op, time, 1);
    } else if (step.kind === 'close') {
      const n = spec.kind === 'semaphore' && typeof op.args?.['n'] === 'number' ? op.args['n'] : 1;
      for (let i = 0; i < n; i++) {
        const mine = ownHold(op.actor);
        if (spec.kind === 'rlock') {
          if (!mine) {
            notes.push(`${op.actor} released ${op.target} at ${formatTime(time)} without holding it`);
            break;
          }
          const d = depth.get(mine)! - 1;
          depth.set(mine, d);
          if (d === 0) finish(mine, time, op.actor);
          continue;
        }
        const victim = mine ?? open[0];
        if (victim) finish(victim, time, op.actor);
        else earlyReleases.push(op);
      }
    } else if (step.kind === 'suspend') {
      const mine = ownHold(op.actor);
      if (mine) {
        suspended.set(op.actor, depth.get(mine)!);
        finish(mine, time, op.actor);
      }
    } else {
      const saved = suspended.get(op.actor);
      suspended.delete(op.actor);
      start(op, time, saved ?? 1);
    }
  }
  earlyReleases.forEach((r) =>
    notes.push(`${r.actor} released ${r.target} at ${formatTime(r.invokeTime)} when the history shows nothing held`),
  );
  return { holds, notes };
}

/** Holds still open when the history ended, latest first: for a Lock the last acquirer that did not release. */
export function holdersAtEnd(analysis: HoldAnalysis): Hold[] {
  return analysis.holds.filter((h) => h.end === Infinity).sort((a, b) => b.start - a.start);
}
