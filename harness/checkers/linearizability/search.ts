import { LinearizedSet } from './linearized-set';
import type { LinOperation, SequentialModel } from './types';

/**
 * The Wing–Gong search over one independent part of a history, with Lowe's memoisation as
 * Porcupine does it: call and return entries in one doubly linked list in time order; trying an
 * operation "lifts" its entries out of the list, backtracking puts them back (dancing links).
 * Only calls before the first return entry are candidates: the operation returning there must
 * take effect by then, so when none of them can, the branch is dead. A (linearized set, state) pair already explored is never
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

/**
 * Memo of explored (linearized set, state) pairs. `exact` keeps a copy of every set to compare
 * on a hash match; otherwise 53 bits of the set's hash and the state hash are trusted, which
 * saves a copy of the set per step. A collision could only skip a branch, i.e. wrongly report
 * "not linearizable", so that verdict is always confirmed by an exact search (check.ts).
 */
class Explored {
  private readonly exactSeen = new Map<string, LinearizedSet[]>();
  /** State hash to 53 bits of set hash: numbers, so that a step allocates no key string. */
  private readonly hashedSeen = new Map<string, Set<number>>();

  constructor(private readonly exact: boolean) {}

  /** Records the pair; false when it had been explored already. */
  add(set: LinearizedSet, stateHash: string): boolean {
    if (!this.exact) {
      let sets = this.hashedSeen.get(stateHash);
      if (sets === undefined) this.hashedSeen.set(stateHash, (sets = new Set()));
      const hash = set.hash53;
      if (sets.has(hash)) return false;
      sets.add(hash);
      return true;
    }
    const key = `${set.key}|${stateHash}`;
    const bucket = this.exactSeen.get(key);
    if (bucket === undefined) {
      this.exactSeen.set(key, [set.clone()]);
      return true;
    }
    if (bucket.some((s) => s.equals(set))) return false;
    bucket.push(set.clone());
    return true;
  }
}

/**
 * The calls that may be linearized next, i.e. every call before the first return entry, in the
 * order they are tried: by return time ("just-in-time" linearization, as in Lowe's testers: an
 * operation usually takes effect close to its return, so the first try is usually right), with
 * the operations that never returned last, in call order.
 */
function candidatesOf(l: Entries): number[] {
  const calls: number[] = [];
  let e = l.next[HEAD] as number;
  while (e !== NONE && l.isCall[e] === 1) {
    calls.push(e);
    e = l.next[e] as number;
  }
  // Entries are numbered in time order, so comparing return entries compares return times.
  const returnPosition = (call: number) => l.returnOf[l.op[call] as number] as number;
  return calls.sort((a, b) => {
    const ra = returnPosition(a);
    const rb = returnPosition(b);
    if (ra === NONE || rb === NONE) return ra === rb ? a - b : ra === NONE ? 1 : -1;
    return ra - rb;
  });
}

interface Frame<S> {
  candidates: number[];
  /** Index into `candidates` of the one being tried (on the stack: the one linearized). */
  tried: number;
  state: S;
}

export function searchPart<S>(ops: readonly LinOperation[], model: SequentialModel<S>, budget: SearchBudget, exact: boolean): PartOutcome<S> {
  const l = buildEntries(ops);
  const linearized = new LinearizedSet(ops.length);
  const explored = new Explored(exact);
  const stack: Frame<S>[] = [];
  let state = model.init();
  let unreturned = ops.filter((o) => Number.isFinite(o.return)).length;
  let longest = linearized.clone();
  let longestState = state;

  let candidates = candidatesOf(l);
  let tried = 0;
  while (unreturned > 0) {
    const entry = tried < candidates.length ? (candidates[tried] as number) : NONE;
    if (entry !== NONE) {
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
          stack.push({ candidates, tried, state });
          state = next;
          unlink(l, entry);
          const ret = l.returnOf[i] as number;
          if (ret !== NONE) {
            unlink(l, ret);
            unreturned--;
          }
          // Only a search that can report a violation needs the longest prefix (check.ts
          // reports one from the exact search), and copying it on every new record costs.
          if (exact && linearized.size > longest.size) {
            longest = linearized.clone();
            longestState = state;
          }
          candidates = candidatesOf(l);
          tried = 0;
          continue;
        }
        linearized.clear(i);
      }
      tried++;
      continue;
    }
    // No candidate left before the first return: that operation cannot take effect in time.
    const top = stack.pop();
    if (top === undefined) return { kind: 'not-linearizable', longest, state: longestState };
    const back = top.candidates[top.tried] as number;
    const i = l.op[back] as number;
    state = top.state;
    linearized.clear(i);
    const ret = l.returnOf[i] as number;
    if (ret !== NONE) {
      relink(l, ret);
      unreturned++;
    }
    relink(l, back);
    candidates = top.candidates;
    tried = top.tried + 1;
  }
  return { kind: 'linearizable', order: stack.map((f) => l.op[f.candidates[f.tried] as number] as number) };
}
