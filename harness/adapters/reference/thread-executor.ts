import type { RunOptions } from '../../implementation';
import type { ObjectDecl, Scenario } from '../../scenario/model';
import type { ScenarioResult } from '../../scenario/result';
import { assertValidScenario } from '../../scenario/validate';
import { isSocketObjectType } from '../../scenario/validate-socket-fields';
import type { SocketObjectDecl } from '../../scenario/socket-model';
import { ControlBlock } from './control-block';
import type { CreatedObject, ObjectBinding } from './object-binding';
import type { NetworkPlan } from './network-binding';
import { prepareNetwork, scenarioUsesSockets } from './network-plan';
import { assignSocketOwners } from './socket-ownership';
import { ScenarioRun } from './scenario-run';
import { workerCode, type WorkerLoader } from './worker-code';
import { WorkerPool, type PooledWorker, type WorkerPoolOptions, type WorkerPoolStats } from './worker-pool';
import type { RunActorMessage } from './worker-protocol';

/**
 * Runs scenarios whose actors are threads: one real worker thread per actor, all started and
 * parked before the scenario's clock starts, so thread startup never shows in the timings.
 * Shared objects come from a binding (object-binding.ts); cells, registers, sleeps and actor
 * control are the executor's own.
 */

export interface ThreadExecutorOptions {
  /** Absolute path of a module exporting `binding: ObjectBinding`; loaded here and in every worker. */
  bindingModule: string;
  loader?: WorkerLoader;
  pool?: WorkerPoolOptions;
  /** Bound on attaching objects in every worker before a run starts. Default 30 s. */
  setupTimeoutMs?: number;
}

/** The scenario needs something this executor or its binding does not have. */
export class UnsupportedScenarioError extends Error {
  override readonly name = 'UnsupportedScenarioError';
}

export class ThreadExecutor {
  readonly binding: ObjectBinding;
  private readonly pool: WorkerPool;
  private readonly setupTimeoutMs: number;
  private runs = 0;

  constructor(private readonly options: ThreadExecutorOptions) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(options.bindingModule) as { binding?: ObjectBinding };
    if (loaded.binding === undefined) throw new Error(`${options.bindingModule} does not export \`binding\``);
    this.binding = loaded.binding;
    this.pool = new WorkerPool(() => workerCode(options.bindingModule, options.loader), options.pool);
    this.setupTimeoutMs = options.setupTimeoutMs ?? 30_000;
  }

  /** How the workers' code was built (bundle or tsx) and how long that took. */
  workerCode() {
    return workerCode(this.options.bindingModule, this.options.loader);
  }

  stats(): WorkerPoolStats {
    return this.pool.stats();
  }

  /** Starts `count` workers ahead of time (e.g. to keep startup out of a measurement). */
  async warmUp(count: number): Promise<void> {
    const workers = await this.pool.acquire(count);
    workers.forEach((w) => this.pool.release(w));
  }

  /**
   * Throws InvalidScenarioError or UnsupportedScenarioError for a scenario it cannot run;
   * everything that goes wrong while running is a `crashed` result instead.
   */
  async run(input: Scenario, options: RunOptions = {}): Promise<ScenarioResult> {
    const scenario = assertValidScenario(input);
    this.checkSupported(scenario);
    const network = prepareNetwork(scenario);
    try {
      return await this.runWith(scenario, options, network.plan);
    } finally {
      network.dispose();
    }
  }

  private async runWith(scenario: Scenario, options: RunOptions, networkPlan: NetworkPlan | undefined): Promise<ScenarioResult> {
    const cellNames = Object.keys(scenario.objects).filter((name) => scenario.objects[name].type === 'cell');
    const cellIndexes = Object.fromEntries(cellNames.map((name, i) => [name, i]));
    const cellBuffer = new SharedArrayBuffer(8 * Math.max(1, cellNames.length));
    const cells = new Float64Array(cellBuffer);
    cellNames.forEach((name, i) => (cells[i] = (scenario.objects[name] as { initial?: number }).initial ?? 0));
    const readCells = () => Object.fromEntries(cellNames.map((name, i) => [name, cells[i]]));
    const crashed = (error: string): ScenarioResult => ({ status: 'crashed', history: [], final: { cells: readCells() }, durationMs: 0, unfinished: [], error });

    let created: Map<string, CreatedObject>;
    try {
      created = this.createObjects(scenario.objects);
    } catch (e) {
      return crashed(`creating the shared objects failed: ${(e as Error).stack ?? e}`);
    }

    let workers: PooledWorker[];
    try {
      workers = await this.pool.acquire(scenario.actors.length);
    } catch (e) {
      return crashed((e as Error).message);
    }
    const control = ControlBlock.create(scenario.actors.length);
    const runId = ++this.runs;
    const actorIndexes = Object.fromEntries(scenario.actors.map((a, i) => [a.name, i]));
    const objects = Object.fromEntries([...created].map(([name, c]) => [name, { decl: scenario.objects[name], handle: c.handle }]));
    const messages: RunActorMessage[] = scenario.actors.map((actor, actorIndex) => ({
      type: 'run',
      runId,
      actor,
      actorIndex,
      actorIndexes,
      timeUnitMs: scenario.timeUnitMs,
      objects,
      cellIndexes,
      cells: cellBuffer,
      control: control.buffer,
      ...(networkPlan === undefined ? {} : { network: networkPlan }),
    }));
    try {
      const outcome = await new ScenarioRun({
        runId,
        scenario,
        workers,
        messages,
        control,
        deadlineMs: options.deadlineMs ?? scenario.deadlineMs,
        setupTimeoutMs: this.setupTimeoutMs,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      }).execute();
      outcome.reusable.forEach((w) => this.pool.release(w));
      workers.filter((w) => !outcome.reusable.includes(w)).forEach((w) => void this.pool.discard(w));
      return {
        status: outcome.status,
        history: outcome.history,
        final: { cells: readCells() },
        durationMs: outcome.durationMs,
        unfinished: outcome.unfinished,
        ...(outcome.error === undefined ? {} : { error: outcome.error }),
      };
    } catch (e) {
      // A failure of the executor itself (e.g. a handle that cannot be cloned): no worker of
      // this run can be trusted any more.
      await Promise.all(workers.map((w) => this.pool.discard(w)));
      return crashed(`executor failure: ${(e as Error).stack ?? e}`);
    }
  }

  /** Terminates every worker. Idempotent. */
  close(): Promise<void> {
    return this.pool.close();
  }

  private checkSupported(scenario: Scenario): void {
    for (const actor of scenario.actors) {
      if (actor.kind !== 'thread') throw new UnsupportedScenarioError(`actor "${actor.name}" is a ${actor.kind}; this executor runs threads only`);
    }
    for (const [name, decl] of Object.entries(scenario.objects)) {
      if (isSocketObjectType(decl.type)) {
        const network = this.binding.network;
        if (network === undefined || !network.objectTypes.has(decl.type as SocketObjectDecl['type'])) {
          throw new UnsupportedScenarioError(`object "${name}" is a ${decl.type}, which this implementation does not provide`);
        }
        const why = network.unsupported(decl as SocketObjectDecl);
        if (why !== undefined) throw new UnsupportedScenarioError(`object "${name}": ${why}`);
      } else if (decl.type !== 'cell' && !this.binding.objectTypes.has(decl.type)) {
        throw new UnsupportedScenarioError(`object "${name}" is a ${decl.type}, which this implementation does not provide`);
      }
    }
    if (this.binding.network === undefined && scenarioUsesSockets(scenario)) {
      throw new UnsupportedScenarioError('the scenario uses sockets, which this implementation does not provide');
    }
    const { conflicts } = assignSocketOwners(scenario);
    if (conflicts.length > 0) throw new UnsupportedScenarioError(conflicts.join('; '));
  }

  /** Conditions last, so the lock a condition names already exists. */
  private createObjects(decls: Record<string, ObjectDecl>): Map<string, CreatedObject> {
    const created = new Map<string, CreatedObject>();
    const entries = Object.entries(decls).filter(([, decl]) => decl.type !== 'cell' && !isSocketObjectType(decl.type));
    const ordered = [...entries.filter(([, d]) => d.type !== 'condition'), ...entries.filter(([, d]) => d.type === 'condition')];
    for (const [name, decl] of ordered) created.set(name, this.binding.create(name, decl, created));
    return created;
  }
}
