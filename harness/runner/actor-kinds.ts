import type { Capability } from '../capability';
import type { ActorKind, Scenario } from '../scenario/model';

/**
 * Claims whose meaning does not depend on what an actor is (a lock excludes, a queue keeps its
 * order, whether the actors are OS threads or tasks on one event loop) list the kinds their
 * scenarios may run with in `ScenarioCheck.actorKinds`, the first being the kind they are
 * written with. The runner picks the first kind the implementation supports and rewrites the
 * scenarios' actors of the written kind to it; the claim's own capability for the written kind
 * (e.g. `threads`) is then satisfied by the chosen kind's (e.g. `tasks`). Without `actorKinds`
 * scenarios run exactly as written.
 */

export const KIND_CAPABILITY: Readonly<Record<ActorKind, Capability>> = { thread: 'threads', process: 'processes', task: 'tasks' };

export interface ActorKindChoice {
  /** The kind the scenarios are written with (actorKinds[0]). */
  written: ActorKind;
  /** The kind they run with. */
  chosen: ActorKind;
}

export interface Applicability {
  /** What the implementation lacks, as shown in a not-applicable verdict (e.g. `threads or tasks`). */
  missing: string[];
  /** Set when the check lists actorKinds and one of them is supported. */
  kind?: ActorKindChoice;
}

export function applicability(capabilities: readonly Capability[], actorKinds: readonly ActorKind[] | undefined, has: (c: Capability) => boolean): Applicability {
  if (actorKinds === undefined || actorKinds.length === 0) return { missing: capabilities.filter((c) => !has(c)) };
  const kindCapabilities = new Set(actorKinds.map((k) => KIND_CAPABILITY[k]));
  const missing: string[] = capabilities.filter((c) => !kindCapabilities.has(c) && !has(c));
  const chosen = actorKinds.find((k) => has(KIND_CAPABILITY[k]));
  if (chosen === undefined) {
    missing.push([...kindCapabilities].join(' or '));
    return { missing };
  }
  return { missing, kind: { written: actorKinds[0], chosen } };
}

/** The scenario with its actors of the written kind turned into the chosen kind (the same object when they agree). */
export function withActorKind(scenario: Scenario, choice: ActorKindChoice | undefined): Scenario {
  if (choice === undefined || choice.written === choice.chosen) return scenario;
  return { ...scenario, actors: scenario.actors.map((a) => (a.kind === choice.written ? { ...a, kind: choice.chosen } : a)) };
}
