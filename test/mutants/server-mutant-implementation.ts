import { isCapability, type Capability } from '../../harness/capability';
import type { Implementation } from '../../harness/implementation';
import { ServerRegistry, type ServerFactory } from '../../harness/adapters/reference/servers';
import type { Scenario } from '../../harness/scenario/model';
import type { ScenarioResult } from '../../harness/scenario/result';
import type { RunningServer, ServerRequest } from '../../harness/server/server-model';
import type { Mutant } from './mutant';

/**
 * A mutant server: an implementation that starts broken versions of some of the reference's
 * servers (its `servers`) for the server checks, and runs no scenarios. Stands for someone
 * else's server with that defect, as `--target` would judge it.
 */
export class ServerMutantImplementation implements Implementation {
  readonly name: string;
  readonly version = '0.0.0-mutant';
  readonly runtime = `node ${process.version}`;
  readonly capabilities: ReadonlySet<Capability>;
  private readonly registry: ServerRegistry;
  private running = 0;

  constructor(
    readonly mutant: Mutant,
    servers: readonly ServerFactory[],
  ) {
    this.name = `mutant:${mutant.name}`;
    this.registry = new ServerRegistry(servers);
    this.capabilities = new Set(this.registry.protocols.map((p) => `${p}-server`).filter(isCapability));
  }

  runScenario(_scenario: Scenario): Promise<ScenarioResult> {
    return Promise.reject(new Error('a server mutant runs server checks only'));
  }

  async startServer(request: ServerRequest): Promise<RunningServer> {
    const server = await this.registry.start(request);
    this.running++;
    let stopped = false;
    return {
      target: server.target,
      get facts() {
        return server.facts;
      },
      stop: async () => {
        await server.stop();
        if (!stopped) this.running--;
        stopped = true;
      },
    };
  }

  /** Servers started and not stopped. */
  leftovers(): number {
    return this.running;
  }

  close(): Promise<void> {
    return this.registry.stopAll();
  }
}
