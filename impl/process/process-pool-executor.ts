import { Executor, type TaskWorker } from './executor';
import { cpu_count } from './process';
import { prepareTask, WorkerProcess, type PreparedTask } from './worker-process';

/**
 * concurrent.futures.ProcessPoolExecutor(max_workers): tasks run in worker processes, at most
 * max_workers of them, by default one per CPU (os.cpu_count() in CPython 3.11). Workers start
 * on demand as tasks are submitted (CPython 3.11 under the spawn method; under fork it starts
 * them all at the first submit) and serve task after task until shutdown.
 */
export class ProcessPoolExecutor extends Executor<PreparedTask> {
  constructor(max_workers: number | null = null) {
    super(max_workers ?? cpu_count());
  }

  /** pids of the worker processes alive now. */
  get pids(): number[] {
    return this.liveWorkers.map((w) => (w as WorkerProcess).pid);
  }

  protected prepare(fn: (...args: never[]) => unknown, args: unknown[]): PreparedTask {
    return prepareTask(fn, args);
  }

  protected startWorker(): TaskWorker<PreparedTask> {
    return new WorkerProcess('SpawnProcess', false);
  }
}
