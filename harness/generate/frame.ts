import * as fc from 'fast-check';
import { SCENARIO_MODEL_VERSION, type Actor, type ObjectDecl, type Op, type Scenario } from '../scenario/model';

/**
 * The frame every generated scenario shares: a small time unit (the documents' seconds scaled
 * down, so a budget of scenarios runs in seconds), a deadline that turns a hang into a reported
 * `deadline` run, and thread actors (the runner rewrites them to the kind an implementation has).
 */

/** Milliseconds per unit: long enough that a sleep of one unit orders events on a loaded machine. */
export const GENERATED_UNIT_MS = 4;
/** Generated scenarios take tens of units; a run that reaches this is blocked for good. */
export const GENERATED_DEADLINE_MS = 2_500;

/** `count` actors a1…aN, each running ops drawn from `ops`. */
export function actorsOf(ops: fc.Arbitrary<Op[]>, count: { min: number; max: number }): fc.Arbitrary<Actor[]> {
  return fc.array(ops, { minLength: count.min, maxLength: count.max }).map((lists) => lists.map((list, i) => ({ name: `a${i + 1}`, kind: 'thread', ops: list })));
}

export function generatedScenario(family: string, objects: Record<string, ObjectDecl>, actors: Actor[]): Scenario {
  const ops = actors.reduce((n, a) => n + a.ops.length, 0);
  return {
    version: SCENARIO_MODEL_VERSION,
    name: `generated ${family}: ${actors.length} actor(s), ${ops} op(s)`,
    timeUnitMs: GENERATED_UNIT_MS,
    deadlineMs: GENERATED_DEADLINE_MS,
    objects,
    actors,
  };
}

/** A sleep of 0…max units (0 still yields, which shuffles interleavings). */
export const pause = (max: number): fc.Arbitrary<Op> => fc.integer({ min: 0, max }).map((units): Op => ({ op: 'sleep', units }));

/** Blocks of ops, concatenated: generators build actors from whole blocks so that each block keeps its own invariant. */
export function blocks(block: fc.Arbitrary<Op[]>, length: { min: number; max: number }): fc.Arbitrary<Op[]> {
  return fc.array(block, { minLength: length.min, maxLength: length.max }).map((bs) => bs.flat());
}
