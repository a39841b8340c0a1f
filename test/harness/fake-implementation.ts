import type { Capability } from '../../harness/capability';
import type { Implementation, RunOptions } from '../../harness/implementation';
import type { HistoryEvent } from '../../harness/scenario/history';
import type { Scenario } from '../../harness/scenario/model';
import type { ScenarioResult } from '../../harness/scenario/result';

/** An Implementation whose every run is decided by the test, for the runner's verdict logic. */
export class FakeImplementation implements Implementation {
  readonly name = 'fake';
  readonly version = '0.0.0';
  readonly runtime = 'test';
  readonly capabilities: ReadonlySet<Capability>;
  readonly calls: { scenario: Scenario; options?: RunOptions }[] = [];
  closed = false;

  constructor(
    capabilities: Capability[],
    private readonly behaviour: (scenario: Scenario, call: number, options?: RunOptions) => Promise<ScenarioResult> | ScenarioResult,
  ) {
    this.capabilities = new Set(capabilities);
  }

  async runScenario(scenario: Scenario, options?: RunOptions): Promise<ScenarioResult> {
    this.calls.push({ scenario, ...(options === undefined ? {} : { options }) });
    return this.behaviour(scenario, this.calls.length, options);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export function result(partial: Partial<ScenarioResult> = {}): ScenarioResult {
  return { status: 'completed', history: [], final: { cells: {} }, durationMs: 1, unfinished: [], ...partial };
}

/** `n` well-formed sleep invocations and completions of actor `a`. */
export function longHistory(n: number): HistoryEvent[] {
  return Array.from({ length: n }, (_, i) => ({ type: i % 2 === 0 ? 'invoke' : 'ok', actor: 'a', f: 'sleep', time: i, path: [Math.floor(i / 2)] }));
}

export function tinyScenario(name = 's', deadlineMs = 1_000): Scenario {
  return { version: 1, name, timeUnitMs: 1, deadlineMs, objects: {}, actors: [{ name: 'a', kind: 'thread', ops: [{ op: 'sleep', units: 1 }] }] };
}
