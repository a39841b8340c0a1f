import type { RunOptions } from '../../../implementation';
import type { Scenario } from '../../../scenario/model';
import type { ScenarioResult } from '../../../scenario/result';
import { assertValidScenario } from '../../../scenario/validate';
import { forgetShared, type SharedObject, type Value } from '../../../../impl/process';
import { UnsupportedScenarioError } from '../thread-executor';
import { HostPool, type HostPoolStats } from './host-pool';
import { createProcessObject, unsupportedDecl } from './process-binding';
import { ProcessRun } from './process-run';
import type { ProgramLocator } from './program-runner';

/**
 * Runs scenarios whose actors are processes: every actor in its own OS process (an actor host),
 * the shared objects held by this process's object server (impl/process) and reached over a
 * Unix socket, so blocking is real and each process keeps its own memory. A separate executor
 * from the thread executor: the two share only the history collector and the op bindings'
 * vocabulary.
 */

export interface ProcessExecutorOptions {
  /** Where the implementation's example programs are (the `program` op). */
  programs: ProgramLocator;
  /** Bound on getting every auto actor attached and ready before the clock starts. Default 60 s. */
  setupTimeoutMs?: number;
  maxIdleHosts?: number;
}

export class ProcessExecutor {
  private readonly pool: HostPool;
  private runs = 0;

  constructor(private readonly options: ProcessExecutorOptions) {
    this.pool = new HostPool(options.maxIdleHosts ?? 64);
  }

  stats(): HostPoolStats {
    return this.pool.stats();
  }

  /** Throws InvalidScenarioError or UnsupportedScenarioError; anything else that goes wrong is a `crashed` result. */
  async run(input: Scenario, options: RunOptions = {}): Promise<ScenarioResult> {
    const scenario = assertValidScenario(input);
    for (const actor of scenario.actors) {
      if (actor.kind !== 'process') throw new UnsupportedScenarioError(`actor "${actor.name}" is a ${actor.kind}; this executor runs processes only`);
    }
    for (const [name, decl] of Object.entries(scenario.objects)) {
      const why = unsupportedDecl(decl);
      if (why !== undefined) throw new UnsupportedScenarioError(`object "${name}": ${why}`);
    }
    const created = new Map<string, SharedObject>();
    try {
      for (const [name, decl] of Object.entries(scenario.objects)) created.set(name, createProcessObject(decl));
      const objects = Object.fromEntries([...created].map(([name, object]) => [name, { decl: scenario.objects[name], handle: object.handle }]));
      const outcome = await new ProcessRun({
        runId: ++this.runs,
        scenario,
        objects,
        pool: this.pool,
        programs: this.options.programs,
        deadlineMs: options.deadlineMs ?? scenario.deadlineMs,
        setupTimeoutMs: this.options.setupTimeoutMs ?? 60_000,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      }).execute();
      const cells: Record<string, number> = {};
      for (const [name, decl] of Object.entries(scenario.objects)) {
        if (decl.type === 'cell') cells[name] = await (created.get(name) as Value).get();
      }
      return { ...outcome, final: { cells } };
    } catch (e) {
      return { status: 'crashed', history: [], final: { cells: {} }, durationMs: 0, unfinished: [], error: `executor failure: ${(e as Error).stack ?? e}` };
    } finally {
      created.forEach((object) => forgetShared(object.handle));
    }
  }

  /** Kills every actor host. Idempotent. */
  close(): Promise<void> {
    return this.pool.close();
  }
}
