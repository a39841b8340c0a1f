import * as path from 'node:path';
import { isCapability, type Capability } from '../../capability';
import type { Implementation, RunOptions } from '../../implementation';
import type { Scenario } from '../../scenario/model';
import type { ScenarioResult } from '../../scenario/result';
import { ThreadExecutor, type ThreadExecutorOptions } from './thread-executor';
import { ProcessExecutor } from './process-executor/process-executor';
import { referencePrograms } from './process-executor/reference-programs';
import type { HostPoolStats } from './process-executor/host-pool';
import type { WorkerLoader } from './worker-code';
import type { WorkerPoolStats } from './worker-pool';
import type { RunningServer, ServerRequest } from '../../server/server-model';
import { REFERENCE_SERVERS, ServerRegistry } from './servers';

/**
 * The built-in reference implementation (impl/) as the runner sees it: thread actors on real
 * worker threads, with the primitives of impl/ as shared objects.
 */

/** What the process executor and impl/process add (see docs/reference-implementation.md). */
const PROCESS_CAPABILITIES: readonly Capability[] = ['processes', 'programs', 'pools', 'executors', 'fs', 'pipes', 'managers'];
/** What impl/coroutine adds: generators, greenlet-like switching and a gevent-like hub, for the programs. */
const COROUTINE_CAPABILITIES: readonly Capability[] = ['coroutines', 'greenlet', 'gevent'];

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
  /** Every run gets its own objects, pooled workers and processes, and ephemeral ports. */
  readonly maxConcurrentRuns = 8;
  private readonly executor: ThreadExecutor;
  /** Scenarios whose actors are processes go here (process-executor/). */
  private readonly processes = new ProcessExecutor({ programs: referencePrograms });
  /** Servers started for server checks (servers/). */
  private readonly servers = new ServerRegistry(REFERENCE_SERVERS);
  private closed = false;

  constructor(options: ReferenceOptions = {}) {
    this.executor = new ThreadExecutor({ bindingModule: REFERENCE_BINDING_MODULE, ...options });
    this.capabilities = new Set<Capability>(['threads', 'cell', ...this.executor.binding.capabilities, ...(this.executor.binding.network?.capabilities ?? []), ...PROCESS_CAPABILITIES, ...COROUTINE_CAPABILITIES, ...serverCapabilities(this.servers.protocols)]);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.version = (require('../../../package.json') as { version: string }).version;
  }

  runScenario(scenario: Scenario, options?: RunOptions): Promise<ScenarioResult> {
    if (this.closed) return Promise.reject(new Error('the reference implementation is closed'));
    if (scenario.actors.some((a) => a.kind === 'process')) return this.processes.run(scenario, options);
    return this.executor.run(scenario, options);
  }

  startServer(request: ServerRequest): Promise<RunningServer> {
    if (this.closed) return Promise.reject(new Error('the reference implementation is closed'));
    return this.servers.start(request);
  }

  /** Live and pooled actor processes, for tests that check nothing is left behind. */
  processStats(): HostPoolStats {
    return this.processes.stats();
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
    await Promise.all([this.executor.close(), this.processes.close(), this.servers.stopAll()]);
  }
}

/** `<protocol>-server` for each protocol served, as far as the catalog names it. */
function serverCapabilities(protocols: string[]): Capability[] {
  return protocols.map((p) => `${p}-server`).filter(isCapability);
}
