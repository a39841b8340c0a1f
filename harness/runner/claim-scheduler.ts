/**
 * Runs jobs with up to `concurrency` at once, in the order given: a job starts only after every
 * job before it has started, and an exclusive job starts only when nothing else runs and keeps
 * everything after it waiting until it ends. With concurrency 1 this is a plain loop.
 * Results land at their job's index, so what a caller builds from them does not depend on
 * which job finished first.
 */

export interface SchedulerOptions<T> {
  concurrency: number;
  isExclusive(job: T, index: number): boolean;
  /** Checked before each start; once true nothing more starts (running jobs are awaited). */
  stopped(): boolean;
}

export async function runScheduled<T, R>(jobs: readonly T[], options: SchedulerOptions<T>, run: (job: T, index: number) => Promise<R>): Promise<(R | undefined)[]> {
  const limit = Math.max(1, Math.floor(options.concurrency));
  const results: (R | undefined)[] = new Array<R | undefined>(jobs.length).fill(undefined);
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const start = (index: number) => {
    const p: Promise<void> = run(jobs[index], index).then(
      (r) => {
        results[index] = r;
      },
      (error: unknown) => {
        failure ??= { error };
      },
    );
    const tracked = p.finally(() => running.delete(tracked));
    running.add(tracked);
    return tracked;
  };
  for (const [index, job] of jobs.entries()) {
    const exclusive = options.isExclusive(job, index);
    while (running.size > 0 && (exclusive || running.size >= limit)) await Promise.race(running);
    if (failure !== undefined || options.stopped()) break;
    const started = start(index);
    if (exclusive || limit === 1) await started;
  }
  await Promise.all(running);
  if (failure !== undefined) throw failure.error;
  return results;
}
