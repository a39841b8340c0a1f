import { checkScenarios, type Claim } from '../../spec/claim';
import type { Scenario } from '../scenario/model';

/**
 * Whether a claim may run side by side with others (the runner's `concurrency`). A claim is
 * `exclusive` when it needs the machine to itself: its verdict rests on how long things take,
 * or its scenarios start so much (many worker threads, several OS processes that must start
 * within the scenario's deadline) that a neighbour's start-up would eat into that deadline. It
 * then runs alone, with nothing else of this run beside it. Everything else is `shared`: its
 * scenarios own their objects, workers, processes and (ephemeral) ports, so another claim's run
 * cannot change what it records; only the timing can shift, and shared claims are judged by
 * order and overlap with deadlines generous enough for a loaded machine.
 *
 * The rule is generic: a claim says so itself (`isolation`), carries one of the tags that mean a
 * timing judgement, or has scenarios of that shape. When unsure, a claim author marks the claim
 * `exclusive`.
 */

export type Isolation = 'shared' | 'exclusive';

/** Tags whose claims compare durations, throughput or parallel speed-up. */
export const EXCLUSIVE_TAGS: ReadonlySet<string> = new Set(['timing', 'timeout', 'overlap', 'gil', 'load', 'benchmark', 'performance', 'throughput', 'latency']);

/** More actors than this in one scenario: starting their workers is most of the claim's work. */
export const MAX_SHARED_ACTORS = 8;

/**
 * A scenario whose actors are processes started under its deadline. A scenario whose only
 * process runs an example program is not one: the program's time runs from its first record,
 * and its deadline leaves room for start-up (spec/checks/transcript.ts).
 */
function startsProcesses(scenario: Scenario): boolean {
  const processes = scenario.actors.filter((a) => a.kind === 'process');
  if (processes.length === 0) return false;
  return !(processes.length === 1 && processes[0].ops.length === 1 && processes[0].ops[0].op === 'program');
}

function needsTheMachine(scenario: Scenario): boolean {
  return scenario.actors.length > MAX_SHARED_ACTORS || startsProcesses(scenario);
}

export function isolationOf(claim: Pick<Claim, 'tags' | 'check' | 'isolation'>, seed = 0): Isolation {
  if (claim.isolation !== undefined) return claim.isolation;
  if (claim.tags.some((t) => EXCLUSIVE_TAGS.has(t))) return 'exclusive';
  if (claim.check === undefined) return 'shared';
  let scenarios: Scenario[];
  try {
    scenarios = checkScenarios(claim.check, seed);
  } catch {
    return 'exclusive'; // the run reports the error; alone, its message is not mixed with others'
  }
  return Array.isArray(scenarios) && scenarios.some(needsTheMachine) ? 'exclusive' : 'shared';
}
