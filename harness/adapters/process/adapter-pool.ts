import type { Capability } from '../../capability';
import type { Implementation, RunOptions } from '../../implementation';
import type { Scenario } from '../../scenario/model';
import type { ScenarioResult } from '../../scenario/result';
import { ProcessImplementation, type ProcessImplementationOptions } from './process-implementation';

/**
 * Several copies of one out-of-process adapter, so that scenarios can run side by side (the
 * runner's `concurrency`) although each adapter serves one run at a time. The first copy is
 * started up front (its handshake says who the implementation is); the others only when runs
 * overlap, so a run with concurrency 1 costs one adapter as before. Every copy must introduce
 * itself as the first did.
 */

export interface AdapterPoolOptions extends ProcessImplementationOptions {
  /** Copies at most. Default 4. */
  lanes?: number;
}

interface Lane {
  adapter: Promise<ProcessImplementation>;
  pending: number;
}

export class AdapterPool implements Implementation {
  readonly name: string;
  readonly version: string;
  readonly runtime: string;
  readonly capabilities: ReadonlySet<Capability>;
  readonly maxConcurrentRuns: number;
  private readonly lanes: Lane[];
  private closed = false;

  private constructor(
    private readonly options: AdapterPoolOptions,
    first: ProcessImplementation,
  ) {
    this.name = first.name;
    this.version = first.version;
    this.runtime = first.runtime;
    this.capabilities = first.capabilities;
    this.maxConcurrentRuns = Math.max(1, Math.floor(options.lanes ?? 4));
    this.lanes = [{ adapter: Promise.resolve(first), pending: 0 }];
  }

  static async start(options: AdapterPoolOptions): Promise<AdapterPool> {
    return new AdapterPool(options, await ProcessImplementation.start(options));
  }

  runScenario(scenario: Scenario, options?: RunOptions): Promise<ScenarioResult> {
    if (this.closed) return Promise.reject(new Error(`the ${this.name} adapter is closed`));
    const lane = this.freeLane();
    lane.pending++;
    return lane.adapter.then((adapter) => adapter.runScenario(scenario, options)).finally(() => lane.pending--);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.lanes.map(async (lane) => (await lane.adapter.catch(() => undefined))?.close()));
  }

  /** An idle copy, a new one while there is room, else the least busy (its runs queue). */
  private freeLane(): Lane {
    const idle = this.lanes.find((l) => l.pending === 0);
    if (idle !== undefined) return idle;
    if (this.lanes.length < this.maxConcurrentRuns) {
      const lane: Lane = { adapter: this.startCopy(), pending: 0 };
      // A copy that fails to start fails the runs sent to it; the lane is dropped so later runs use the others.
      lane.adapter.catch(() => {
        const at = this.lanes.indexOf(lane);
        if (at >= 0) this.lanes.splice(at, 1);
      });
      this.lanes.push(lane);
      return lane;
    }
    return this.lanes.reduce((a, b) => (b.pending < a.pending ? b : a));
  }

  private async startCopy(): Promise<ProcessImplementation> {
    const copy = await ProcessImplementation.start(this.options);
    const same = copy.name === this.name && copy.version === this.version && copy.runtime === this.runtime && [...copy.capabilities].sort().join(',') === [...this.capabilities].sort().join(',');
    if (!same) {
      await copy.close();
      throw new Error(`another copy of the adapter introduced itself as ${copy.name} ${copy.version} (${copy.runtime}), not as the first did`);
    }
    return copy;
  }
}
