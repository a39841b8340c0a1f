import type { Scenario } from '../../scenario/model';
import type { RunStatus } from '../../scenario/result';
import type { HistoryEvent } from '../../scenario/history';
import { ActorState, type ControlBlock } from './control-block';
import { HistoryCollector } from './history-collector';
import type { PooledWorker } from './worker-pool';
import type { RunActorMessage, WorkerToMain } from './worker-protocol';
import { armDeadline, type DeadlineTimer } from '../../runner/deadline-timer';

/**
 * One run of one scenario on already-started workers (one per actor): gets every actor ready,
 * starts the `auto` ones together, and ends the run when every non-daemon actor is done, at the
 * deadline, on a crash, or on abort. Whatever ends it, every worker is either back at rest
 * (its `done` received) or terminated and exited before `execute` resolves, so a run can never
 * leave a thread behind and never outlive its deadline by more than a termination.
 */

export interface RunPlan {
  runId: number;
  scenario: Scenario;
  /** Index-aligned with scenario.actors. */
  workers: PooledWorker[];
  /** Index-aligned with scenario.actors. */
  messages: RunActorMessage[];
  control: ControlBlock;
  deadlineMs: number;
  /** Bound on getting every worker ready (attach), which is not part of the scenario's time. */
  setupTimeoutMs: number;
  signal?: AbortSignal;
}

export interface RunOutcome {
  status: RunStatus;
  history: HistoryEvent[];
  durationMs: number;
  unfinished: string[];
  error?: string;
  /** Workers that finished cleanly and may serve another run. */
  reusable: PooledWorker[];
}

/** How long a cancelled (never started) actor gets to answer before it is terminated instead. */
const CANCEL_GRACE_MS = 2_000;

type Ending = { reason: 'completed' } | { reason: 'deadline' } | { reason: 'crashed'; error: string };

export class ScenarioRun {
  private readonly collector = new HistoryCollector();
  private readonly done: boolean[];
  private readonly doneSignals: (() => void)[] = [];
  private readonly doneEvents: Promise<void>[];
  private readonly terminating = new Set<number>();
  private startTime: bigint | undefined;
  private ending: Ending | undefined;
  /** When the run ended (ms since its start); events stamped later are not part of it. */
  private endedAt = Infinity;
  private endRun: (ending: Ending) => void = () => undefined;
  private readonly ended: Promise<Ending>;
  private readonly readyWaiters = new Set<number>();
  private onAllReady: () => void = () => undefined;
  private readonly detachers: (() => void)[] = [];

  constructor(private readonly plan: RunPlan) {
    this.done = plan.workers.map(() => false);
    this.doneEvents = plan.workers.map((_, i) => new Promise<void>((resolve) => (this.doneSignals[i] = resolve)));
    this.ended = new Promise<Ending>((resolve) => (this.endRun = resolve));
  }

  async execute(): Promise<RunOutcome> {
    const { plan } = this;
    const timers: NodeJS.Timeout[] = [];
    let deadline: DeadlineTimer | undefined;
    const onAbort = () => this.finish({ reason: 'crashed', error: 'the run was aborted' });
    try {
      plan.workers.forEach((w, i) => this.listen(w, i));
      plan.signal?.addEventListener('abort', onAbort);
      if (plan.signal?.aborted) onAbort();
      const allReady = new Promise<void>((resolve) => (this.onAllReady = resolve));
      plan.workers.forEach((_, i) => this.readyWaiters.add(i));
      plan.workers.forEach((w, i) => w.worker.postMessage(plan.messages[i]));
      timers.push(setTimeout(() => this.finish({ reason: 'crashed', error: `actors were not ready within ${plan.setupTimeoutMs} ms` }), plan.setupTimeoutMs));
      await Promise.race([allReady, this.ended]);
      if (this.ending === undefined) {
        this.start();
        deadline = armDeadline(plan.deadlineMs, () => this.elapsedMs(), () => this.finish({ reason: 'deadline' }));
        this.checkCompleted();
      }
      const ending = await this.ended;
      return await this.conclude(ending);
    } finally {
      timers.forEach(clearTimeout);
      deadline?.cancel();
      plan.signal?.removeEventListener('abort', onAbort);
      this.detachers.forEach((detach) => detach());
    }
  }

  private listen(pooled: PooledWorker, index: number): void {
    const name = this.plan.scenario.actors[index].name;
    const onMessage = (message: WorkerToMain) => this.onMessage(message, index);
    const onError = (error: Error) => {
      if (!this.terminating.has(index)) this.finish({ reason: 'crashed', error: `actor "${name}": worker crashed: ${error.stack ?? error.message}` });
    };
    const onExit = (code: number) => {
      if (!this.terminating.has(index)) this.finish({ reason: 'crashed', error: `actor "${name}": worker exited with code ${code}` });
    };
    pooled.worker.on('message', onMessage);
    pooled.worker.on('error', onError);
    pooled.worker.on('exit', onExit);
    this.detachers.push(() => {
      pooled.worker.off('message', onMessage);
      pooled.worker.off('error', onError);
      pooled.worker.off('exit', onExit);
    });
  }

  private onMessage(message: WorkerToMain, index: number): void {
    if (message.type === 'idle' || message.runId !== this.plan.runId) return;
    switch (message.type) {
      case 'ready':
        this.readyWaiters.delete(index);
        if (this.readyWaiters.size === 0) this.onAllReady();
        break;
      case 'setup-failed':
        this.finish({ reason: 'crashed', error: `actor "${this.plan.scenario.actors[index].name}" could not attach the shared objects: ${message.error}` });
        break;
      case 'event':
        // Stopping one actor can wake another (a closed socket ends a peer's recv): what happens
        // after the end was decided belongs to no run, and its blocked op stays `info`.
        if (message.event.time <= this.endedAt) this.collector.add(message.event);
        break;
      case 'done':
        this.done[index] = true;
        this.doneSignals[index]();
        this.checkCompleted();
        break;
    }
  }

  /** Starts every `auto` actor at one instant, after all workers are parked and ready. */
  private start(): void {
    this.startTime = process.hrtime.bigint();
    this.plan.control.startTime = this.startTime;
    this.plan.scenario.actors.forEach((actor, i) => {
      if (actor.start !== 'manual') this.plan.control.transition(i, ActorState.NEW, ActorState.RUNNING);
    });
  }

  /** Python's interpreter exit: when no non-daemon thread runs any more, the run is over. */
  private checkCompleted(): void {
    if (this.startTime === undefined || this.ending !== undefined) return;
    const waiting = this.plan.scenario.actors.some(
      (actor, i) => actor.daemon !== true && !this.done[i] && this.plan.control.state(i) !== ActorState.NEW,
    );
    if (!waiting) this.finish({ reason: 'completed' });
  }

  private finish(ending: Ending): void {
    if (this.ending !== undefined) return;
    this.ending = ending;
    this.endedAt = this.elapsedMs();
    this.endRun(ending);
  }

  private elapsedMs(): number {
    return this.startTime === undefined ? 0 : Number(process.hrtime.bigint() - this.startTime) / 1e6;
  }

  /** Stops what still runs, completes the history and sorts the workers into reusable or gone. */
  private async conclude(ending: Ending): Promise<RunOutcome> {
    const endTime = Math.min(this.elapsedMs(), this.endedAt);
    const { actors } = this.plan.scenario;
    const unfinished: string[] = [];
    const stopping: Promise<unknown>[] = [];
    actors.forEach((actor, i) => {
      if (this.done[i]) return;
      // A parked actor that never started is woken to return to the pool instead of being killed.
      if (this.startTime !== undefined && this.plan.control.transition(i, ActorState.NEW, ActorState.CANCELLED)) {
        stopping.push(this.awaitDoneOrTerminate(i));
        return;
      }
      if (this.plan.control.state(i) === ActorState.RUNNING) unfinished.push(actor.name);
      stopping.push(this.terminate(i));
    });
    await Promise.all(stopping);
    const why = ending.reason === 'completed' ? 'daemon stopped: every non-daemon actor had finished' : ending.reason === 'deadline' ? `still blocked at the deadline (${this.plan.deadlineMs} ms)` : 'the run crashed or was aborted';
    this.collector.closePending(endTime, () => why);
    const status: RunStatus = ending.reason;
    return {
      status,
      history: this.collector.history(),
      durationMs: endTime,
      unfinished,
      ...(ending.reason === 'crashed' ? { error: ending.error } : {}),
      reusable: this.plan.workers.filter((w, i) => this.done[i] && !this.terminating.has(i) && !w.exited && w.lastError === undefined),
    };
  }

  private async terminate(index: number): Promise<void> {
    this.terminating.add(index);
    const pooled = this.plan.workers[index];
    if (!pooled.exited) await pooled.worker.terminate().catch(() => undefined);
    await pooled.exit;
  }

  /** A cancelled actor answers `done` at once; if it somehow does not, it is terminated. */
  private async awaitDoneOrTerminate(index: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, CANCEL_GRACE_MS)));
    await Promise.race([this.doneEvents[index], this.plan.workers[index].exit, grace]);
    clearTimeout(timer);
    if (!this.done[index]) await this.terminate(index);
  }
}
