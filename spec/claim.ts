import type { Capability } from '../harness/capability';
import type { Scenario } from '../harness/scenario/model';
import type { ScenarioResult } from '../harness/scenario/result';
import type { ActorKind, Json } from '../harness/scenario/model';
import type { ServerRequest, ServerTarget } from '../harness/server/server-model';
import * as fc from 'fast-check';

/** Where a claim comes from: the seed document, its section heading, and the sentence verbatim. */
export interface Source {
  /** Seed file name, e.g. `003_92709ea86e1a80fd.txt` */
  doc: string;
  /** The heading the sentence sits under, verbatim. */
  section: string;
  /** The original sentence, code comment or printed output, verbatim, in its own language. */
  quote: string;
}

export type ClaimKind = 'executable' | 'informational' | 'contested';

/** RFC 2119 strength of what the document asserts. */
export type Level = 'MUST' | 'SHOULD';

/** jcstress/Autobahn-style grading of one observed outcome. */
export type Grade = 'acceptable' | 'interesting' | 'forbidden';

/** What a check concluded from its runs. */
export interface Judgement {
  ok: boolean;
  message: string;
  /** Small, JSON-able facts that support the verdict (reports show them). */
  evidence?: Json;
  /** Property-based checks: the smallest failing scenario found; reports show it with its seed. */
  counterexample?: Counterexample;
  /** Load and benchmark checks: figures that reports chart. */
  measurements?: Measurement[];
}

/** The minimal failing case of a property-based check. */
export interface Counterexample {
  /** The scenario as run (after shrinking). */
  scenario: Scenario;
  /** Why it fails. */
  message: string;
  /** The seed the generated scenarios came from, when it differs from the claim's own. */
  seed?: number;
  /** How many shrinking steps led from the first failure to this one. */
  shrinks?: number;
}

/** One chartable figure: a value per label (e.g. throughput per implementation or per load). */
export interface Measurement {
  name: string;
  unit: string;
  values: { label: string; value: number; min?: number; max?: number }[];
}

/**
 * Outcome grading for racy claims: each run is reduced to a key (e.g. the final counter value),
 * the histogram of keys is graded, and the verdict rests on the grades, not on one run.
 */
export interface OutcomeGrading {
  /** Reduces one run to its outcome key. */
  key(run: ScenarioResult): string;
  grade(key: string): Grade;
  /** Grades that must be seen at least once over the repetitions (e.g. the race the document shows). */
  mustSee?: Grade[];
  /** Human description of each grade, for reports. */
  describe?: Partial<Record<Grade, string>>;
}

/** A check that runs scenarios on the implementation and judges the recorded histories. */
export interface ScenarioCheck {
  type: 'scenario';
  /** Scenarios to run; a function receives the seed so generated scenarios can be replayed. */
  scenarios: Scenario[] | ((seed: number) => Scenario[]);
  /** How many times each scenario runs (racy claims run many times). Default 1. */
  repeat?: number;
  /** Outcome grading, for racy claims. */
  outcomes?: OutcomeGrading;
  /**
   * Judges every run of every scenario: `runs[i]` are the repetitions of `scenarios[i]` (the
   * scenarios as run, so generated ones arrive resolved).
   */
  judge?(runs: ScenarioResult[][], scenarios: Scenario[]): Judgement;
  /**
   * The actor kinds the scenarios may run with, in order of preference; the scenarios are
   * written with the first. The runner runs them with the first kind the implementation
   * supports (harness/runner/actor-kinds.ts). Absent: only as written. List a kind only if the
   * claim means the same with it (a lock excludes tasks as it excludes threads; a claim about a
   * blocking sleep does not).
   */
  actorKinds?: ActorKind[];
}

/** A check written with thread actors whose meaning holds for tasks on one event loop too. */
export function threadsOrTasks<C extends ScenarioCheck | PropertyCheck>(check: C): C {
  return { ...check, actorKinds: ['thread', 'task'] };
}

/**
 * A check that judges a whole server over the network (harness/server/server-model.ts): the
 * runner has the implementation start the server asked for, or takes the one `--target` names,
 * runs the probe against its address as a client would, and stops the server.
 */
export interface ServerCheck {
  type: 'server';
  server: ServerRequest;
  /**
   * A second server started alongside `server`, for claims that compare two servers within one
   * run (processes against threads, an event loop against threads); the probe finds it in
   * `context.baseline`. Where the implementation cannot start it, the claim is not-applicable.
   */
  baseline?: ServerRequest;
  /**
   * Talks to the server at `target` and judges what it saw. Must settle by itself (every wait
   * with a timeout); the runner also abandons it after `deadlineMs`.
   */
  probe(target: ServerTarget, context: ProbeContext): Promise<Judgement>;
  /** How long the probe may take before the runner reports it as hung. Default 60 s. */
  deadlineMs?: number;
}

export interface ProbeContext {
  seed: number;
  /** Where the check's `baseline` server listens, if it has one. */
  baseline?: ServerTarget;
  /** Aborted when the run is interrupted or the probe's deadline passes: stop and clean up. */
  signal: AbortSignal;
}

/**
 * A property-based check: scenarios drawn from a fast-check arbitrary (harness/generate/), each
 * run once on the implementation and judged on its own. The runner draws from the run's seed
 * within a budget (a number of scenarios and a time cap); on a failure fast-check shrinks the
 * scenario, re-running each smaller candidate, and the report shows the smallest that failed.
 */
export interface PropertyCheck {
  type: 'property';
  /** Valid scenarios only, written with the first of `actorKinds`, deadlock-free by construction or bounded by their deadline. */
  scenarios: fc.Arbitrary<Scenario>;
  /** Judges one run of one generated scenario (as run). */
  judge(run: ScenarioResult, scenario: Scenario): Judgement;
  /** As ScenarioCheck.actorKinds. */
  actorKinds?: ActorKind[];
  /**
   * At most this many of the budget's scenarios: for scenarios of real processes, which take
   * about a second each, so that a run of the catalog stays short. Absent: the budget's.
   */
  maxRuns?: number;
}

export type Check = ScenarioCheck | ServerCheck | PropertyCheck;

/** The actor kinds a check's scenarios may run with (ScenarioCheck.actorKinds), if it has any. */
export function actorKindsOf(check: Check | undefined): ActorKind[] | undefined {
  return check?.type === 'scenario' || check?.type === 'property' ? check.actorKinds : undefined;
}

/** How many scenarios `checkScenarios` draws from a property check's arbitrary (for validation and listings). */
export const PROPERTY_SAMPLE_SIZE = 8;

/** The scenarios a check runs with this seed (none for a server check; a sample for a property check). */
export function checkScenarios(check: Check, seed: number): Scenario[] {
  if (check.type === 'server') return [];
  if (check.type === 'property') return fc.sample(check.scenarios, { seed, numRuns: PROPERTY_SAMPLE_SIZE });
  return typeof check.scenarios === 'function' ? check.scenarios(seed) : check.scenarios;
}

export interface Contest {
  /** What the document says, in English. */
  says: string;
  /** What real systems do. */
  actually: string;
  /** Where that comes from: the CPython documentation or source, a man page, an observed run. */
  evidence: string;
}

export interface Claim {
  /** Stable id, `topic.short-name`; never reused for a different claim. */
  id: string;
  title: string;
  topic: string;
  source: Source;
  kind: ClaimKind;
  /** For `informational` claims: why it cannot be tested. */
  reason?: string;
  /** For `contested` claims: what is wrong and what real systems do. */
  contest?: Contest;
  level: Level;
  capabilities: Capability[];
  tags: string[];
  /** An executable claim whose topic belongs to a later issue; it runs as verdict `pending`. */
  status?: 'pending';
  /** The issue number that will make a pending claim run. */
  plannedIn?: number;
  /** Executable and contested claims with something to run. */
  check?: Check;
  /**
   * Whether the claim may run beside other claims (harness/runner/claim-isolation.ts).
   * Absent: `exclusive` when a tag says it judges timing (`timing`, `gil`, `load`, …), else `shared`.
   */
  isolation?: 'shared' | 'exclusive';
}
