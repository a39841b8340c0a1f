import * as os from 'node:os';
import type { Actor, Json, ObjectDecl, Scenario } from '../../../scenario/model';
import type { HistoryEvent } from '../../../scenario/history';
import type { RunStatus } from '../../../scenario/result';
import type { SharedHandle } from '../../../../impl/process';
import { HistoryCollector } from '../history-collector';
import type { Host, HostPool } from './host-pool';
import type { ControlOp, ExecutorToHost, HostRunMessage, HostToExecutor } from './host-protocol';
import { runProgram, type ProgramLocator } from './program-runner';
import { armDeadline, type DeadlineTimer } from '../../../runner/deadline-timer';

/**
 * One run of a scenario whose actors are processes: one actor host (a child process) per actor.
 * Auto actors get pooled hosts, made ready before the clock starts and started together;
 * an actor started by a `start` op gets a host started at that moment, as Process.start()
 * forks. The run answers the actors' questions about each other (join, is_alive, exitcode),
 * carries out terminate (SIGTERM to the actor's process) and runs example programs.
 *
 * Process life-cycle follows CPython: an actor whose ops are done first terminates the daemonic
 * actors it started and waits for the others it started, and only then counts as finished
 * (exit code 0; minus the signal number when a signal ended it). The run completes when every
 * started non-daemonic actor has finished; daemonic actors still running then are stopped.
 * Whatever ends the run, every host still busy is killed and has exited before `execute`
 * resolves.
 */

export interface ProcessRunPlan {
  runId: number;
  scenario: Scenario;
  objects: Record<string, { decl: ObjectDecl; handle: SharedHandle }>;
  pool: HostPool;
  programs: ProgramLocator;
  deadlineMs: number;
  setupTimeoutMs: number;
  signal?: AbortSignal;
}

export interface ProcessRunOutcome {
  status: RunStatus;
  history: HistoryEvent[];
  durationMs: number;
  unfinished: string[];
  error?: string;
}

type Phase = 'new' | 'running' | 'ending' | 'done';

interface Slot {
  readonly actor: Actor;
  readonly index: number;
  phase: Phase;
  host?: Host;
  /** The actor that started this one (undefined for auto actors). */
  parent?: number;
  exitcode: number | null;
  /** A terminate (or the run's own stop) was sent: its process's exit is expected. */
  signalled: boolean;
  /** Its ops are all played and its host is idle again. */
  hostDone: boolean;
  readonly doneWaiters: (() => void)[];
}

type Ending = { reason: 'completed' } | { reason: 'deadline' } | { reason: 'crashed'; error: string };

class PythonLikeError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export class ProcessRun {
  private readonly collector = new HistoryCollector();
  private readonly slots: Slot[];
  private readonly byName = new Map<string, Slot>();
  private origin: bigint | undefined;
  private ending: Ending | undefined;
  private endRun: (ending: Ending) => void = () => undefined;
  private readonly ended = new Promise<Ending>((resolve) => (this.endRun = resolve));
  private readonly stopPrograms = new AbortController();
  private readonly detachers: (() => void)[] = [];
  /** Each actor's invocation still waiting for its completion. */
  private readonly open = new Map<string, HistoryEvent>();

  constructor(private readonly plan: ProcessRunPlan) {
    this.slots = plan.scenario.actors.map((actor, index) => ({ actor, index, phase: 'new', exitcode: null, signalled: false, hostDone: false, doneWaiters: [] }));
    for (const slot of this.slots) this.byName.set(slot.actor.name, slot);
  }

  async execute(): Promise<ProcessRunOutcome> {
    const timers: NodeJS.Timeout[] = [];
    let deadline: DeadlineTimer | undefined;
    const onAbort = () => this.finish({ reason: 'crashed', error: 'the run was aborted' });
    this.plan.signal?.addEventListener('abort', onAbort);
    try {
      if (this.plan.signal?.aborted) onAbort();
      const autos = this.slots.filter((s) => s.actor.start !== 'manual');
      let hosts: Host[] = [];
      try {
        // Not raced with an abort: hosts being acquired must be attached to be cleaned up.
        hosts = await this.plan.pool.acquire(autos.length);
      } catch (e) {
        this.finish({ reason: 'crashed', error: (e as Error).message });
      }
      autos.forEach((slot, i) => hosts[i] !== undefined && this.attachHost(slot, hosts[i]));
      if (this.ending === undefined) {
        timers.push(setTimeout(() => this.finish({ reason: 'crashed', error: `actors were not ready within ${this.plan.setupTimeoutMs} ms` }), this.plan.setupTimeoutMs));
        const ready = autos.map((slot) => this.sendRun(slot, undefined));
        await Promise.race([Promise.all(ready), this.ended]);
      }
      if (this.ending === undefined) {
        this.origin = process.hrtime.bigint();
        for (const slot of autos) {
          slot.phase = 'running';
          this.send(slot, { type: 'go', runId: this.plan.runId, origin: this.origin });
        }
        deadline = armDeadline(this.plan.deadlineMs, () => this.elapsedMs(), () => this.finish({ reason: 'deadline' }));
        this.checkCompleted();
      }
      return await this.conclude(await this.ended);
    } finally {
      timers.forEach(clearTimeout);
      deadline?.cancel();
      this.plan.signal?.removeEventListener('abort', onAbort);
      this.detachers.forEach((detach) => detach());
    }
  }

  private elapsedMs(): number {
    return this.origin === undefined ? 0 : Number(process.hrtime.bigint() - this.origin) / 1e6;
  }

  private finish(ending: Ending): void {
    if (this.ending !== undefined) return;
    this.ending = ending;
    this.endRun(ending);
  }

  private send(slot: Slot, message: ExecutorToHost): void {
    const child = slot.host?.child;
    if (child === undefined || !child.connected) return;
    try {
      child.send(message);
    } catch {
      // the host is gone; its exit is handled elsewhere
    }
  }

  private attachHost(slot: Slot, host: Host): void {
    slot.host = host;
    const onMessage = (message: HostToExecutor) => this.onMessage(slot, message);
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => this.onHostExit(slot, code, signal);
    host.child.on('message', onMessage);
    host.child.once('exit', onExit);
    this.detachers.push(() => {
      host.child.off('message', onMessage);
      host.child.off('exit', onExit);
    });
  }

  /** Sends the actor its run; resolves when it reports ready. */
  private sendRun(slot: Slot, origin: bigint | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      const host = slot.host;
      if (host === undefined) return;
      const onReady = (message: HostToExecutor) => {
        if (message.type === 'ready' && message.runId === this.plan.runId) {
          host.child.off('message', onReady);
          resolve();
        }
      };
      host.child.on('message', onReady);
      this.detachers.push(() => host.child.off('message', onReady));
      const message: HostRunMessage = {
        type: 'run',
        runId: this.plan.runId,
        actor: slot.actor,
        timeUnitMs: this.plan.scenario.timeUnitMs,
        objects: this.plan.objects,
        ...(origin === undefined ? {} : { origin }),
      };
      this.send(slot, message);
    });
  }

  private onMessage(slot: Slot, message: HostToExecutor): void {
    if (message.type === 'idle' || message.runId !== this.plan.runId) return;
    switch (message.type) {
      case 'setup-failed':
        this.finish({ reason: 'crashed', error: `actor "${slot.actor.name}" could not attach the shared objects: ${message.error}` });
        return;
      case 'event':
        this.record(message.event);
        return;
      case 'request':
        void this.answer(slot, message.requestId, message.op);
        return;
      case 'done':
        slot.hostDone = true;
        void this.endActor(slot);
        return;
      default:
        return;
    }
  }

  private onHostExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.ending !== undefined) return;
    if (slot.signalled) {
      this.cutShort(slot.actor.name, 'its process was terminated');
      this.markDone(slot, code ?? -(os.constants.signals[signal as NodeJS.Signals] ?? 0));
      return;
    }
    const tail = slot.host?.stderrTail().trim();
    this.finish({ reason: 'crashed', error: `actor "${slot.actor.name}": its process exited unexpectedly (code ${code}, signal ${signal})${tail ? `: ${tail}` : ''}` });
  }

  private record(event: HistoryEvent): void {
    this.collector.add(event);
    if (event.type === 'invoke') this.open.set(event.actor, event);
    else this.open.delete(event.actor);
  }

  /** An actor's process died in the middle of an op: that op never completes (`info`, now). */
  private cutShort(actor: string, message: string): void {
    const invoke = this.open.get(actor);
    if (invoke === undefined) return;
    this.record({
      type: 'info',
      actor,
      f: invoke.f,
      ...(invoke.target === undefined ? {} : { target: invoke.target }),
      message,
      time: Math.max(this.elapsedMs(), invoke.time),
      path: invoke.path,
    });
  }

  /** CPython's exit handler for a process whose run() returned: daemonic children terminated, the others joined. */
  private async endActor(slot: Slot): Promise<void> {
    if (slot.phase === 'done') return;
    slot.phase = 'ending';
    const children = this.slots.filter((s) => s.parent === slot.index && s.phase !== 'done');
    for (const child of children) if (child.actor.daemon === true) this.signal(child, 'SIGTERM');
    await Promise.all(children.map((child) => this.whenDone(child)));
    this.markDone(slot, 0);
  }

  private markDone(slot: Slot, exitcode: number): void {
    if (slot.phase === 'done') return;
    slot.phase = 'done';
    slot.exitcode = exitcode;
    slot.doneWaiters.splice(0).forEach((wake) => wake());
    this.checkCompleted();
  }

  private whenDone(slot: Slot): Promise<void> {
    return slot.phase === 'done' ? Promise.resolve() : new Promise<void>((resolve) => slot.doneWaiters.push(resolve));
  }

  /** Python's interpreter exit: when no started non-daemonic actor is left, the run is over. */
  private checkCompleted(): void {
    if (this.origin === undefined || this.ending !== undefined) return;
    const waiting = this.slots.some((s) => s.actor.daemon !== true && (s.phase === 'running' || s.phase === 'ending'));
    if (!waiting) this.finish({ reason: 'completed' });
  }

  private signal(slot: Slot, name: NodeJS.Signals): void {
    slot.signalled = true;
    const host = slot.host;
    if (host !== undefined && !host.exited) host.child.kill(name);
  }

  private async answer(slot: Slot, requestId: number, op: ControlOp): Promise<void> {
    let reply: { value?: Json; error?: { name: string; message: string } };
    try {
      reply = { value: await this.perform(slot, op) };
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      reply = { error: { name: error.name, message: error.message } };
    }
    this.send(slot, { type: 'reply', runId: this.plan.runId, requestId, ...reply });
  }

  private target(name: string): Slot {
    const slot = this.byName.get(name);
    if (slot === undefined) throw new PythonLikeError('NameError', `no actor named "${name}"`);
    return slot;
  }

  private async perform(slot: Slot, op: ControlOp): Promise<Json> {
    switch (op.op) {
      case 'start':
        return this.start(slot, this.target(op.actor));
      case 'join': {
        const target = this.target(op.actor);
        if (target === slot) throw new PythonLikeError('AssertionError', 'can only join a child process');
        if (target.phase === 'new') throw new PythonLikeError('AssertionError', 'can only join a started process');
        const ms = op.timeout === undefined || op.timeout === null ? Infinity : Math.max(0, op.timeout) * this.plan.scenario.timeUnitMs;
        let timer: NodeJS.Timeout | undefined;
        const timeout = ms === Infinity ? new Promise<void>(() => undefined) : new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
        await Promise.race([this.whenDone(target), timeout]);
        clearTimeout(timer);
        return null;
      }
      case 'is_alive': {
        const target = this.target(op.actor);
        return target === slot || target.phase === 'running' || target.phase === 'ending';
      }
      case 'terminate': {
        const target = this.target(op.actor);
        if (target.phase === 'new') throw new PythonLikeError('AttributeError', "'NoneType' object has no attribute 'terminate'");
        if (target.phase !== 'done') this.signal(target, 'SIGTERM');
        return null;
      }
      case 'exitcode': {
        const target = this.target(op.actor);
        return target.phase === 'done' ? target.exitcode : null;
      }
      case 'program': {
        if (this.origin === undefined) throw new Error('a program op before the run started');
        const timeoutMs = op.timeout === undefined || op.timeout === null ? undefined : Math.max(0, op.timeout) * this.plan.scenario.timeUnitMs;
        return runProgram(this.plan.programs, {
          name: op.name,
          args: { ...(op.args ?? {}), unitMs: this.plan.scenario.timeUnitMs },
          ...(timeoutMs === undefined ? {} : { timeoutMs }),
          origin: this.origin,
          signal: this.stopPrograms.signal,
        });
      }
    }
  }

  /** Process.start(): a new process for the actor, asked of the OS now; the actor runs once it has booted. */
  private start(parent: Slot, target: Slot): null {
    if (parent.actor.daemon === true) throw new PythonLikeError('AssertionError', 'daemonic processes are not allowed to have children');
    if (target.phase !== 'new') throw new PythonLikeError('AssertionError', 'cannot start a process twice');
    const host = this.plan.pool.spawnNow();
    target.phase = 'running';
    target.parent = parent.index;
    this.attachHost(target, host);
    void host.booted.then(
      () => {
        if (this.ending === undefined && this.origin !== undefined) void this.sendRun(target, this.origin);
      },
      () => {
        // Killed before it had booted (terminated, or its parent ended): not a failure.
        if (!target.signalled) this.finish({ reason: 'crashed', error: `actor "${target.actor.name}": its process failed to start: ${host.stderrTail()}` });
      },
    );
    return null;
  }

  /** Stops what still runs, completes the history, and hands clean hosts back to the pool. */
  private async conclude(ending: Ending): Promise<ProcessRunOutcome> {
    const endTime = this.elapsedMs();
    this.stopPrograms.abort();
    const unfinished: string[] = [];
    const stopping: Promise<unknown>[] = [];
    for (const slot of this.slots) {
      const host = slot.host;
      if (slot.phase === 'running' || slot.phase === 'ending') unfinished.push(slot.actor.name);
      if (host === undefined) continue;
      if (slot.hostDone && !slot.signalled && !host.exited) continue;
      stopping.push(this.plan.pool.discard(host));
    }
    await Promise.all(stopping);
    this.detachers.forEach((detach) => detach());
    this.detachers.length = 0;
    for (const slot of this.slots) {
      if (slot.host !== undefined && slot.hostDone && !slot.signalled && !slot.host.exited) this.plan.pool.release(slot.host);
    }
    const why =
      ending.reason === 'completed'
        ? 'daemon stopped: every non-daemon actor had finished'
        : ending.reason === 'deadline'
          ? `still blocked at the deadline (${this.plan.deadlineMs} ms)`
          : 'the run crashed or was aborted';
    this.collector.closePending(endTime, () => why);
    return {
      status: ending.reason,
      history: this.collector.history(),
      durationMs: endTime,
      unfinished,
      ...(ending.reason === 'crashed' ? { error: ending.error } : {}),
    };
  }
}
