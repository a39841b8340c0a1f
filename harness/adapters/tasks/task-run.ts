import type { HistoryEvent } from '../../scenario/history';
import type { ObjectDecl, Scenario } from '../../scenario/model';
import type { RunStatus, ScenarioResult } from '../../scenario/result';
import { HistoryCollector } from '../reference/history-collector';
import { pythonError } from './op-record';
import type { TaskBinding } from './task-binding';
import { TaskProgram, type TaskRunControl } from './task-program';
import { armDeadline } from '../../runner/deadline-timer';

/**
 * One run of one scenario with every actor a task on the current event loop. All `auto` actors
 * are started in the same turn of the loop; the run ends when every non-daemon actor that was
 * started has finished, at the deadline, on an internal failure, or on abort. What is still
 * blocked then is abandoned, never resumed: its invocation is completed with `info`, and sleeps
 * and joins of the run are woken so that no task of it outlives it by more than one step.
 */

export interface TaskRunPlan {
  scenario: Scenario;
  objects: ReadonlyMap<string, { decl: ObjectDecl; object: unknown }>;
  binding: TaskBinding;
  deadlineMs: number;
  signal?: AbortSignal;
}

type Ending = { reason: 'completed' } | { reason: 'deadline' } | { reason: 'crashed'; error: string };

type TaskState = 'new' | 'running' | 'done';

export class TaskRun implements TaskRunControl {
  readonly cells = new Map<string, number>();
  private readonly collector = new HistoryCollector();
  private readonly states: TaskState[];
  private readonly finished: Promise<void>[];
  private readonly markFinished: (() => void)[] = [];
  private readonly indexes: Map<string, number>;
  /** Aborted when the run ends: wakes every sleep and join of the run. */
  private readonly stop = new AbortController();
  private readonly startTime = performance.now();
  private ending: Ending | undefined;
  private endTime = 0;
  private endRun: (ending: Ending) => void = () => undefined;
  private readonly ended = new Promise<Ending>((resolve) => (this.endRun = resolve));

  constructor(private readonly plan: TaskRunPlan) {
    const { actors, objects } = plan.scenario;
    this.states = actors.map(() => 'new');
    this.finished = actors.map((_, i) => new Promise<void>((resolve) => (this.markFinished[i] = resolve)));
    this.indexes = new Map(actors.map((a, i) => [a.name, i]));
    for (const [name, decl] of Object.entries(objects)) if (decl.type === 'cell') this.cells.set(name, decl.initial ?? 0);
  }

  get over(): boolean {
    return this.ending !== undefined;
  }

  now(): number {
    return performance.now() - this.startTime;
  }

  emit(event: HistoryEvent): void {
    if (!this.over) this.collector.add(event);
  }

  sleep(ms: number): Promise<void> {
    if (this.over) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.stop.signal.removeEventListener('abort', done);
        resolve();
      };
      // setTimeout fires at once for delays beyond 2^31-1 ms: those are as good as forever.
      const timer = ms > 2 ** 31 - 1 ? undefined : setTimeout(done, Math.max(0, ms));
      this.stop.signal.addEventListener('abort', done, { once: true });
    });
  }

  start(name: string): void {
    const index = this.index(name);
    if (this.states[index] !== 'new') throw pythonError('RuntimeError', 'threads can only be started once');
    this.launch(index);
  }

  async join(caller: string, name: string, timeoutMs: number): Promise<void> {
    const index = this.index(name);
    if (name === caller) throw pythonError('RuntimeError', 'cannot join current thread');
    if (this.states[index] === 'new') throw pythonError('RuntimeError', 'cannot join thread before it is started');
    if (this.states[index] === 'done') return;
    await Promise.race([this.finished[index], this.sleep(timeoutMs)]);
  }

  isAlive(name: string): boolean {
    return this.states[this.index(name)] === 'running';
  }

  async execute(): Promise<ScenarioResult> {
    const { plan } = this;
    const onAbort = () => this.finish({ reason: 'crashed', error: 'the run was aborted' });
    const deadline = armDeadline(plan.deadlineMs, () => this.now(), () => this.finish({ reason: 'deadline' }));
    plan.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      if (plan.signal?.aborted) onAbort();
      plan.scenario.actors.forEach((actor, i) => {
        if (actor.start !== 'manual' && !this.over) this.launch(i);
      });
      this.checkCompleted();
      const ending = await this.ended;
      return this.conclude(ending);
    } finally {
      deadline.cancel();
      plan.signal?.removeEventListener('abort', onAbort);
      this.stop.abort();
    }
  }

  private launch(index: number): void {
    this.states[index] = 'running';
    const program = new TaskProgram({
      actor: this.plan.scenario.actors[index],
      timeUnitMs: this.plan.scenario.timeUnitMs,
      objects: this.plan.objects,
      binding: this.plan.binding,
      run: this,
    });
    program.run().then(
      () => {
        this.states[index] = 'done';
        this.markFinished[index]();
        this.checkCompleted();
      },
      (e: unknown) => this.finish({ reason: 'crashed', error: `actor "${this.plan.scenario.actors[index].name}": executor failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` }),
    );
  }

  /** Python's interpreter exit: when no started non-daemon actor is still running, the run is over. */
  private checkCompleted(): void {
    if (this.over) return;
    const waiting = this.plan.scenario.actors.some((actor, i) => actor.daemon !== true && this.states[i] === 'running');
    if (!waiting) this.finish({ reason: 'completed' });
  }

  private finish(ending: Ending): void {
    if (this.over) return;
    this.endTime = this.now();
    this.ending = ending;
    this.endRun(ending);
  }

  private conclude(ending: Ending): ScenarioResult {
    const unfinished = this.plan.scenario.actors.filter((_, i) => this.states[i] === 'running').map((a) => a.name);
    const why =
      ending.reason === 'completed'
        ? 'daemon stopped: every non-daemon actor had finished'
        : ending.reason === 'deadline'
          ? `still blocked at the deadline (${this.plan.deadlineMs} ms)`
          : 'the run crashed or was aborted';
    this.collector.closePending(this.endTime, () => why);
    const status: RunStatus = ending.reason;
    return {
      status,
      history: this.collector.history(),
      final: { cells: Object.fromEntries(this.cells) },
      durationMs: this.endTime,
      unfinished,
      ...(ending.reason === 'crashed' ? { error: ending.error } : {}),
    };
  }

  private index(name: string): number {
    const index = this.indexes.get(name);
    if (index === undefined) throw pythonError('NameError', `no actor named "${name}"`);
    return index;
  }
}
