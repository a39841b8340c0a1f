import type { Implementation } from '../implementation';
import type { Scenario } from '../scenario/model';
import type { ScenarioResult } from '../scenario/result';

/**
 * One scenario run with the runner's own safety net. An implementation must never hang past a
 * scenario's deadline, but an adapter for another language can: if it has not returned
 * `graceMs` after the deadline, its run is aborted through the signal and reported as an
 * error, so the suite always moves on.
 */

/** The whole run was interrupted (SIGINT): stop, do not judge. */
export class RunAborted extends Error {
  override readonly name = 'RunAborted';

  constructor() {
    super('the run was aborted');
  }
}

export class ImplementationHung extends Error {
  override readonly name = 'ImplementationHung';
}

export async function runGuarded(implementation: Implementation, scenario: Scenario, graceMs: number, signal?: AbortSignal): Promise<ScenarioResult> {
  const guard = new AbortController();
  const combined = signal === undefined ? guard.signal : AbortSignal.any([signal, guard.signal]);
  const limitMs = scenario.deadlineMs + graceMs;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      guard.abort();
      reject(new ImplementationHung(`it did not return within ${Math.round(limitMs)} ms (deadline ${scenario.deadlineMs} ms + ${graceMs} ms grace)`));
    }, limitMs);
  });
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new RunAborted());
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([implementation.runScenario(scenario, { signal: combined }), hung, aborted]);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }
}
