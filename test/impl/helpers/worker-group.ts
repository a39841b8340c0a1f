/**
 * Starts op-runner workers for a test and guarantees they are terminated afterwards. Waiting for
 * a worker's report always has a deadline, so a deadlocked implementation fails the test
 * instead of hanging it.
 */
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startTsWorker, type PrimitiveHandle } from '../../../impl';
import type { RunnerData, Step, StepReport } from './steps';

const RUNNER = path.join(__dirname, '..', 'workers', 'op-runner.ts');
const DEFAULT_DEADLINE_MS = 15_000;

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` (test-side only) until it holds; rejects after the deadline. */
export async function eventually(probe: () => boolean, what: string, deadlineMs = DEFAULT_DEADLINE_MS): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`not true within ${deadlineMs} ms: ${what}`);
    await delay(10);
  }
}

export class Runner {
  readonly reports: StepReport[] = [];
  private finished = false;
  private failure: Error | null = null;
  private listeners: Array<() => void> = [];

  constructor(readonly worker: Worker) {
    worker.on('message', (message: StepReport | { done: true }) => {
      if ('done' in message) this.finished = true;
      else this.reports.push(message);
      this.changed();
    });
    worker.on('error', (error) => {
      this.failure = error;
      this.changed();
    });
    worker.on('exit', () => {
      this.failure ??= this.finished ? null : new Error('worker exited before finishing');
      this.changed();
    });
  }

  /** The report of the step with this label, once it arrives. */
  report(label: string, deadlineMs = DEFAULT_DEADLINE_MS): Promise<StepReport> {
    return this.until(() => this.reports.find((r) => r.label === label), `report ${label}`, deadlineMs);
  }

  /** Resolves when every step has run. */
  done(deadlineMs = DEFAULT_DEADLINE_MS): Promise<StepReport[]> {
    return this.until(() => (this.finished ? this.reports : undefined), 'completion', deadlineMs);
  }

  has(label: string): boolean {
    return this.reports.some((r) => r.label === label);
  }

  private until<T>(probe: () => T | undefined, what: string, deadlineMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        remove();
        reject(new Error(`worker ${this.worker.threadId}: no ${what} within ${deadlineMs} ms`));
      }, deadlineMs);
      const check = () => {
        const found = probe();
        if (found !== undefined) {
          remove();
          resolve(found);
        } else if (this.failure !== null) {
          remove();
          reject(this.failure);
        }
      };
      const remove = () => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== check);
      };
      this.listeners.push(check);
      check();
    });
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

export class WorkerGroup {
  /** Shared ticket counter: word 0 hands out increasing numbers to every thread. */
  readonly tickets = new SharedArrayBuffer(4);
  private readonly runners: Runner[] = [];

  /** A ticket for an event on the test's own thread. */
  ticket(): number {
    return Atomics.add(new Int32Array(this.tickets), 0, 1);
  }

  start(handles: Record<string, PrimitiveHandle>, steps: Step[], cells?: Record<string, SharedArrayBuffer>): Runner {
    const data: RunnerData = { handles, steps, cells, tickets: this.tickets };
    const runner = new Runner(startTsWorker(RUNNER, data));
    this.runners.push(runner);
    return runner;
  }

  async terminateAll(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.worker.terminate()));
    this.runners.length = 0;
  }
}
