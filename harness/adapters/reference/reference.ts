import * as path from 'node:path';
import type { Capability } from '../../capability';
import type { Implementation, RunOptions } from '../../implementation';
import type { Scenario } from '../../scenario/model';
import type { ScenarioResult } from '../../scenario/result';
import { ThreadExecutor, type ThreadExecutorOptions } from './thread-executor';
import type { WorkerLoader } from './worker-code';
import type { WorkerPoolStats } from './worker-pool';

/**
 * The built-in reference implementation (impl/) as the runner sees it: thread actors on real
 * worker threads, with the primitives of impl/ as shared objects.
 */

export const REFERENCE_BINDING_MODULE = path.join(__dirname, 'binding.ts');

export interface ReferenceOptions {
  loader?: WorkerLoader;
  pool?: ThreadExecutorOptions['pool'];
}

export class ReferenceImplementation implements Implementation {
  readonly name = 'reference';
  readonly version: string;
  readonly runtime = `node ${process.version}`;
  readonly capabilities: ReadonlySet<Capability>;
  private readonly executor: ThreadExecutor;
  private closed = false;

  constructor(options: ReferenceOptions = {}) {
    this.executor = new ThreadExecutor({ bindingModule: REFERENCE_BINDING_MODULE, ...options });
    this.capabilities = new Set<Capability>(['threads', 'cell', ...this.executor.binding.capabilities]);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.version = (require('../../../package.json') as { version: string }).version;
  }

  runScenario(scenario: Scenario, options?: RunOptions): Promise<ScenarioResult> {
    if (this.closed) return Promise.reject(new Error('the reference implementation is closed'));
    return this.executor.run(scenario, options);
  }

  /** Live and pooled worker threads, for tests that check nothing is left behind. */
  workerStats(): WorkerPoolStats {
    return this.executor.stats();
  }

  /** How actor workers load their code (`bundle`, or the slower `tsx` fallback) and why. */
  async workerLoading(): Promise<{ loader: WorkerLoader; buildMs: number; fallbackReason?: string }> {
    const { loader, buildMs, fallbackReason } = await this.executor.workerCode();
    return { loader, buildMs, ...(fallbackReason === undefined ? {} : { fallbackReason }) };
  }

  /** Starts worker threads ahead of the first run. */
  warmUp(actors: number): Promise<void> {
    return this.executor.warmUp(actors);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.executor.close();
  }
}
