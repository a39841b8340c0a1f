import type { Capability } from '../../harness/capability';
import type { Implementation, RunOptions } from '../../harness/implementation';
import type { Scenario } from '../../harness/scenario/model';
import type { ScenarioResult } from '../../harness/scenario/result';
import { ThreadExecutor } from '../../harness/adapters/reference/thread-executor';
import type { WorkerPoolStats } from '../../harness/adapters/reference/worker-pool';
import type { Mutant } from './mutant';

/** A mutant binding module run by the thread executor on real worker threads, as the runner sees it. */
export class MutantImplementation implements Implementation {
  readonly name: string;
  readonly version = '0.0.0-mutant';
  readonly runtime = `node ${process.version}`;
  readonly capabilities: ReadonlySet<Capability>;
  readonly mutant: Mutant;
  private readonly executor: ThreadExecutor;

  constructor(bindingModule: string) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(bindingModule) as { mutant?: Mutant };
    if (loaded.mutant === undefined) throw new Error(`${bindingModule} does not export \`mutant\``);
    this.mutant = loaded.mutant;
    this.name = `mutant:${loaded.mutant.name}`;
    this.executor = new ThreadExecutor({ bindingModule });
    this.capabilities = new Set<Capability>(['threads', 'cell', ...this.executor.binding.capabilities, ...(this.executor.binding.network?.capabilities ?? [])]);
  }

  runScenario(scenario: Scenario, options?: RunOptions): Promise<ScenarioResult> {
    return this.executor.run(scenario, options);
  }

  workerStats(): WorkerPoolStats {
    return this.executor.stats();
  }

  close(): Promise<void> {
    return this.executor.close();
  }
}
