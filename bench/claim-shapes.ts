/**
 * What kind of work a claim's check does, for saying where a suite run's time goes: example
 * programs (a process tree per run), process actors, many thread actors, a few thread actors, a
 * whole server, or nothing run. Read from the scenarios, never from claim ids.
 */
import { checkScenarios, type Claim } from '../spec/claim';
import { MAX_SHARED_ACTORS } from '../harness/runner/claim-isolation';

export type ClaimShape = 'example programs' | 'process actors' | 'many thread actors' | 'thread actors' | 'server' | 'not run';

export function claimShape(claim: Pick<Claim, 'check'>, seed = 0): ClaimShape {
  const check = claim.check;
  if (check === undefined) return 'not run';
  if (check.type === 'server') return 'server';
  const scenarios = checkScenarios(check, seed);
  if (scenarios.some((s) => s.actors.some((a) => a.ops.some((o) => o.op === 'program')))) return 'example programs';
  if (scenarios.some((s) => s.actors.some((a) => a.kind === 'process'))) return 'process actors';
  if (scenarios.some((s) => s.actors.length > MAX_SHARED_ACTORS)) return 'many thread actors';
  return 'thread actors';
}
