import type { Capability } from './capability';
import type { Scenario } from './scenario/model';
import type { ScenarioResult } from './scenario/result';
import type { RunningServer, ServerRequest } from './server/server-model';

export interface RunOptions {
  /** Overrides the scenario's own deadline (the runner may shorten it). */
  deadlineMs?: number;
  /** Aborted when the whole run is interrupted; the implementation must stop and clean up. */
  signal?: AbortSignal;
}

/**
 * An implementation under test, as the runner sees it: the harness knows no specific claim
 * and no specific implementation, only this interface.
 */
export interface Implementation {
  readonly name: string;
  readonly version: string;
  /** e.g. `node v20.20.2`, `CPython 3.11.7` */
  readonly runtime: string;
  readonly capabilities: ReadonlySet<Capability>;
  /**
   * How many scenarios it can run at the same time, independently (each with its own objects and
   * actors). Absent: 1, runs arrive one after another.
   */
  readonly maxConcurrentRuns?: number;
  /** Runs one scenario to completion or to its deadline. Must never hang past the deadline. */
  runScenario(scenario: Scenario, options?: RunOptions): Promise<ScenarioResult>;
  /**
   * Starts a server a claim asks for (server checks, harness/server/server-model.ts) and
   * resolves once it accepts connections. Rejects with ServerUnavailable for a protocol or model
   * it does not have. Absent: the implementation starts no servers.
   */
  startServer?(request: ServerRequest, options?: RunOptions): Promise<RunningServer>;
  /** Releases every resource (workers, child processes). Idempotent. */
  close(): Promise<void>;
}
