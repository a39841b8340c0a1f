import { pathToFileURL } from 'node:url';
import type { Capability } from '../../harness/capability';
import type { Json, ObjectDecl } from '../../harness/scenario/model';
import type { PrimitiveOp, TimeScale } from '../../harness/adapters/reference/object-binding';
import { notSupported } from '../../harness/adapters/tasks/not-supported';
import type { TaskBinding } from '../../harness/adapters/tasks/task-binding';
import { waitBudget, type WaitBudget } from '../../harness/adapters/tasks/wait-budget';
import { packageVersion } from './package-version';

/**
 * The npm library p-queue (https://github.com/sindresorhus/p-queue), a promise queue with a
 * concurrency limit, as the scenario's `semaphore`: `PQueue({ concurrency: n })` runs at most n
 * jobs at once, which is a semaphore of n permits held by running jobs.
 * - acquire adds a job that holds its slot until released; it returns True once the job runs.
 *   Non-blocking and timed acquires pass an AbortSignal (p-queue's own cancellation) and abort it
 *   if the job has not started by then: an aborted job never runs (p-queue skips it when its
 *   turn comes), so the acquire returns False.
 * - release ends the oldest running job (a semaphore's permits have no owner) and completes once
 *   p-queue has freed its slot; with no job running, it raises `concurrency` by one, the only way
 *   to add a permit, as Python's unchecked release does.
 * p-queue is ESM-only: it is loaded with import() in `load()`, which runs in the task host's
 * worker (plain Node), never in a test runner's CommonJS sandbox.
 */

const LIBRARY = 'p-queue';

/** The part of p-queue's API used here (its types are ESM-only too). */
interface PQueueLike {
  concurrency: number;
  add(job: () => Promise<void>, options?: { signal?: AbortSignal }): Promise<unknown>;
}

type PQueueClass = new (options: { concurrency: number }) => PQueueLike;

let PQueue: PQueueClass | undefined;

interface Holder {
  end(): void;
  /** Settles once p-queue has finished the job and freed its slot. */
  finished: Promise<unknown>;
}

/** One p-queue used as a semaphore, and the jobs that hold its slots. */
class QueueSemaphore {
  private readonly holders: Holder[] = [];

  constructor(private readonly queue: PQueueLike) {}

  /** Resolves to whether a slot was taken within the budget. */
  acquire(budget: WaitBudget): Promise<boolean> {
    const abort = budget.kind === 'forever' ? undefined : new AbortController();
    let started = false;
    let timer: NodeJS.Timeout | undefined;
    return new Promise<boolean>((resolve) => {
      const holder: Holder = { end: () => undefined, finished: Promise.resolve() };
      // p-queue calls the job when it gives it a slot: at once inside add() if one is free.
      const job = () => {
        started = true;
        clearTimeout(timer);
        this.holders.push(holder);
        resolve(true);
        return new Promise<void>((release) => (holder.end = release));
      };
      holder.finished = this.queue.add(job, abort === undefined ? {} : { signal: abort.signal });
      // An aborted job rejects when p-queue skips it; that rejection is the expected outcome.
      holder.finished.catch(() => undefined);
      if (started || abort === undefined) return;
      const giveUp = () => {
        if (started) return;
        abort.abort();
        resolve(false);
      };
      if (budget.kind === 'try') giveUp();
      else if (budget.kind === 'for') timer = setTimeout(giveUp, budget.ms);
    });
  }

  async release(n: number): Promise<null> {
    for (let i = 0; i < n; i++) {
      const holder = this.holders.shift();
      if (holder === undefined) {
        this.queue.concurrency += 1;
        continue;
      }
      holder.end();
      await holder.finished.catch(() => undefined);
    }
    return null;
  }
}

export const binding: TaskBinding = {
  name: LIBRARY,
  version: packageVersion(LIBRARY),
  objectTypes: new Set(['semaphore'] as const),
  capabilities: new Set<Capability>(['semaphore']),

  async load(): Promise<void> {
    const module = (await import(pathToFileURL(require.resolve(LIBRARY)).href)) as { default: PQueueClass };
    PQueue = module.default;
  },

  create(name: string, decl: ObjectDecl): unknown {
    if (PQueue === undefined) throw new Error(`${LIBRARY} is not loaded: load() must run first`);
    if (decl.type !== 'semaphore') throw notSupported(LIBRARY, `a ${decl.type} ("${name}")`);
    const value = decl.value ?? 1;
    if (value < 1) throw notSupported(LIBRARY, `a semaphore of ${value} permits ("${name}"): concurrency is at least 1`);
    return new QueueSemaphore(new PQueue({ concurrency: value }));
  },

  invoke(object: unknown, decl: ObjectDecl, op: PrimitiveOp, time: TimeScale): Json | Promise<Json> {
    const semaphore = object as QueueSemaphore;
    switch (op.op) {
      case 'acquire':
        return semaphore.acquire(waitBudget(op, time));
      case 'release':
        return semaphore.release(op.n ?? 1);
      default:
        throw notSupported(LIBRARY, `${op.op} on a ${decl.type}`);
    }
  },
};
