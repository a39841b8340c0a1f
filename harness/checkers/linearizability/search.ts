import { LinearizedSet } from './linearized-set';
import type { LinOperation, SequentialModel } from './types';

/**
 * The Wing–Gong search over one independent part of a history, with Lowe's memoisation as
 * Porcupine does it: call and return entries in one doubly linked list in time order; trying an
 * operation "lifts" its entries out of the list, backtracking puts them back (dancing links).
 * Reaching a return entry means the operation returning there was never linearized in this
 * branch, so the branch is dead. A (linearized set, state) pair already explored is never
 * explored again, which makes histories of mostly sequential operations linear in practice.
 * Operations that never returned have no return entry: they may be linearized anywhere after
 * their call, or never.
 */

/** Steps and time shared by all parts of one check. */
export interface SearchBudget {
  steps: number;
  readonly maxSteps: number;
  readonly deadline: number;
}

export type PartOutcome<S> =
  /** Indices into the part's operations, in linearization order. */
  | { kind: 'linearizable'; order: number[] }
  /** The longest linearizable prefix found, and the state it leaves. */
  | { kind: 'not-linearizable'; longest: LinearizedSet; state: S }
  | { kind: 'budget'; reason: string };

const HEAD = 0;
const NONE = -1;
const CLOCK_CHECK_INTERVAL = 4096;

interface Entries {
  next: Int32Array;
  prev: Int32Array;
  /** Index of the operation of each entry (entry 0 is the head sentinel). */
  op: Int32Array;
  isCall: Uint8Array;
  /** Return entry of each operation, NONE when it never returned. */
  returnOf: Int32Array;
}

function buildEntries(ops: readonly LinOperation[]): Entries {
  const raw: { time: number; isCall: boolean; op: number }[] = [];
  ops.forEach((o, i) => {
    raw.push({ time: o.call, isCall: true, op: i });
    if (Number.isFinite(o.return)) raw.push({ time: o.return, isCall: false, op: i });
  });
  // Calls before returns at equal times: touching intervals count as concurrent, so a coarse
  // clock can only hide a violation, never invent one.
  raw.sort((a, b) => a.time - b.time || Number(b.isCall) - Number(a.isCall) || a.op - b.op);
  const size = raw.length + 1;
  const entries: Entries = {
    next: new Int32Array(size),
    prev: new Int32Array(size),
    op: new Int32Array(size),
    isCall: new Uint8Array(size),
    returnOf: new Int32Array(ops.length).fill(NONE),
  };
  entries.op[HEAD] = NONE;
  raw.forEach((r, k) => {
    const e = k + 1;
    entries.op[e] = r.op;
    entries.isCall[e] = r.isCall ? 1 : 0;
    if (!r.isCall) entries.returnOf[r.op] = e;
  });
  for (let e = 0; e < size; e++) {
    entries.next[e] = e + 1 < size ? e + 1 : NONE;
    entries.prev[e] = e - 1;
  }
  return entries;
}

function unlink(l: Entries, e: number): void {
  const p = l.prev[e] as number;
  const n = l.next[e] as number;
  l.next[p] = n;
  if (n !== NONE) l.prev[n] = p;
}

function relink(l: Entries, e: number): void {
  const p = l.prev[e] as number;
  const n = l.next[e] as number;
  l.next[p] = e;
  if (n !== NONE) l.prev[n] = e;
}

/** Memo of explored (linearized set, state) pairs, keyed by both hashes. */
class Explored {
  private readonly seen = new Map<string, LinearizedSet[]>();

  /** Records the pair; false when it had been explored already. */
  add(set: LinearizedSet, stateHash: string): boolean {
    const key = `${set.key}|${stateHash}`;
    const bucket = this.seen.get(key);
    if (bucket === undefined) {
      this.seen.set(key, [set.clone()]);
      return true;
    }
    if (bucket.some((s) => s.equals(set))) return false;
    bucket.push(set.clone());
    return true;
  }
}

export function searchPart<S>(ops: readonly LinOperation[], model: SequentialModel<S>, budget: SearchBudget): PartOutcome<S> {
  const l = buildEntries(ops);
  const linearized = new LinearizedSet(ops.length);
  const explored = new Explored();
  const stack: { entry: number; state: S }[] = [];
  let state = model.init();
  let unreturned = ops.filter((o) => Number.isFinite(o.return)).length;
  let longest = linearized.clone();
  let longestState = state;

  let entry = l.next[HEAD] as number;
  while (unreturned > 0) {
    if (entry !== NONE && l.isCall[entry] === 1) {
      if (++budget.steps > budget.maxSteps) return { kind: 'budget', reason: `gave up after ${budget.maxSteps} search steps` };
      if (budget.steps % CLOCK_CHECK_INTERVAL === 0 && Date.now() > budget.deadline) {
        return { kind: 'budget', reason: `gave up after ${budget.steps} search steps: the time budget ran out` };
      }
      const i = l.op[entry] as number;
      const op = ops[i] as LinOperation;
      const next = model.step(state, op.input, op.output);
      if (next !== undefined) {
        linearized.set(i);
        if (explored.add(linearized, model.hash(next))) {
          stack.push({ entry, state });
          state = next;
          unlink(l, entry);
          const ret = l.returnOf[i] as number;
          if (ret !== NONE) {
            unlink(l, ret);
            unreturned--;
          }
          if (linearized.size > longest.size) {
            longest = linearized.clone();
            longestState = state;
          }
          entry = l.next[HEAD] as number;
          continue;
        }
        linearized.clear(i);
      }
      entry = l.next[entry] as number;
      continue;
    }
    // A return entry (the end of the list cannot come first): the operation returning here was not linearized before it returned.
    const top = stack.pop();
    if (top === undefined) return { kind: 'not-linearizable', longest, state: longestState };
    const i = l.op[top.entry] as number;
    state = top.state;
    linearized.clear(i);
    const ret = l.returnOf[i] as number;
    if (ret !== NONE) {
      relink(l, ret);
      unreturned++;
    }
    relink(l, top.entry);
    entry = l.next[top.entry] as number;
  }
  return { kind: 'linearizable', order: stack.map((s) => l.op[s.entry] as number) };
}
