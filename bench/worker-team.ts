/**
 * A team of benchmark worker threads (bench-worker.ts) driven round by round from the main
 * thread. `withWorkerTeam` is the only way to get one: it terminates every worker when the body
 * finishes or throws, and every wait for a worker has a deadline, so a stuck implementation
 * fails the benchmark instead of hanging it or leaving threads behind.
 */
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../impl';
import {
  CONTROL_ROUND,
  CONTROL_STOP,
  CONTROL_WORDS,
  type BenchWorkerData,
  type BenchWorkerMessage,
  type BenchWorkerResult,
} from './worker-protocol';

const WORKER_MODULE = path.join(__dirname, 'bench-worker.ts');

/** Benchmark workers started and not yet exited, process-wide. */
let liveWorkers = 0;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A worker's start data without the parts the team fills in. */
export type TeamMember = DistributiveOmit<BenchWorkerData, 'control' | 'rounds'>;

export interface TeamOptions {
  /** Rounds every worker runs (warm-up rounds included). */
  rounds: number;
  /** Longest wait for any one thing: start-up, or one round's results. */
  deadlineMs: number;
}

export class WorkerTeam {
  private readonly control: Int32Array;
  private readonly workers: Worker[] = [];
  private readonly inboxes: BenchWorkerMessage[][] = [];
  private failure: Error | null = null;
  private listeners = new Set<() => void>();

  private constructor(
    members: readonly TeamMember[],
    private readonly options: TeamOptions,
  ) {
    const control = new SharedArrayBuffer(CONTROL_WORDS * 4);
    this.control = new Int32Array(control);
    members.forEach((member, index) => {
      const data = { ...member, control, rounds: options.rounds } as BenchWorkerData;
      const worker = startTsWorker(WORKER_MODULE, data);
      liveWorkers++;
      this.workers.push(worker);
      this.inboxes.push([]);
      worker.on('message', (message: BenchWorkerMessage) => {
        this.inboxes[index].push(message);
        this.changed();
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        liveWorkers--;
        const finished = this.inboxes[index].filter((m) => m.type === 'result').length === options.rounds;
        if (!finished) this.fail(new Error(`benchmark worker ${index} exited (code ${code}) before its last round`));
      });
    });
  }

  /** Starts the workers, runs `body` once they are all ready, and always terminates them. */
  static async run<R>(members: readonly TeamMember[], options: TeamOptions, body: (team: WorkerTeam) => Promise<R>): Promise<R> {
    const team = new WorkerTeam(members, options);
    try {
      await team.until(() => team.inboxes.every((inbox) => inbox.some((m) => m.type === 'ready')), 'start-up');
      return await body(team);
    } finally {
      await team.close();
    }
  }

  /** How many benchmark workers are running right now (0 whenever no team is running). */
  static liveWorkers(): number {
    return liveWorkers;
  }

  /** Lets every worker start `round` (rounds count from 1). */
  open(round: number): void {
    Atomics.store(this.control, CONTROL_ROUND, round);
    Atomics.notify(this.control, CONTROL_ROUND);
  }

  /** Tells duration-bound loops (the lock loop) to end `round`. */
  stop(round: number): void {
    Atomics.store(this.control, CONTROL_STOP, round);
  }

  /** Each worker's result for `round`, in member order. */
  async results(round: number): Promise<BenchWorkerResult[]> {
    const find = (inbox: BenchWorkerMessage[]) => inbox.find((m) => m.type === 'result' && m.round === round);
    await this.until(() => this.inboxes.every((inbox) => find(inbox) !== undefined), `results of round ${round}`);
    return this.inboxes.map((inbox) => {
      const message = find(inbox);
      if (message?.type !== 'result') throw new Error('unreachable: result vanished');
      return message.result;
    });
  }

  private async close(): Promise<void> {
    // Stop flags first, so a worker mid-loop ends on its own; terminate regardless.
    this.stop(2 ** 31 - 1);
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.changed();
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private until(done: () => boolean, what: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => settle(new Error(`benchmark workers: no ${what} within ${this.options.deadlineMs} ms`)), this.options.deadlineMs);
      const check = () => {
        if (done()) settle(null);
        else if (this.failure !== null) settle(this.failure);
      };
      const settle = (error: Error | null) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        if (error === null) resolve();
        else reject(error);
      };
      this.listeners.add(check);
      check();
    });
  }
}
