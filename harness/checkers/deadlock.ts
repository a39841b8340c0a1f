import type { Json, Scenario } from '../scenario/model';
import type { Operation } from '../scenario/history';
import type { ScenarioResult } from '../scenario/result';
import type { Judgement } from '../../spec/claim';
import { describeCall, listWords } from './describe';
import { holdersAtEnd, holdingIntervals, holdSpecFor } from './holds';
import { isIncomplete, pairOperations, malformedHistory, subjectOf } from './operations';

/**
 * Deadlock diagnosis for a run cut by its deadline: a wait-for graph built from the history.
 * An actor blocked in acquire on a Lock/RLock waits for whoever the history says holds it; one
 * blocked in join waits for the joined actor. Everything else that blocks (queue get/put, event
 * and condition wait, semaphore acquire, barrier wait) could be released by anyone, so it is
 * reported as blocked but adds no edge. A cycle of edges is a deadlock.
 */

export type ActorState =
  | { state: 'finished' }
  | { state: 'running'; doing?: string }
  | { state: 'not-started' }
  | { state: 'blocked'; op: Operation; on: WaitTarget };

export type WaitTarget =
  | { kind: 'lock'; object: string; holder?: string }
  | { kind: 'join'; actor: string }
  | { kind: 'anyone'; object?: string };

export interface WaitEdge {
  from: string;
  to: string;
  /** "A waits for lock2 held by B" */
  text: string;
}

export interface WaitForGraph {
  actors: Record<string, ActorState>;
  edges: WaitEdge[];
  /** Each cycle as its edges, starting from its alphabetically first actor. */
  cycles: WaitEdge[][];
}

const BLOCKING_ON_ANYONE = new Set(['get', 'put', 'wait', 'join_queue', 'acquire']);

function lockLike(scenario: Pick<Scenario, 'objects'>, target: string): boolean {
  const type = scenario.objects[target]?.type;
  return type === 'lock' || type === 'rlock' || type === 'condition';
}

function waitTarget(op: Operation, ops: readonly Operation[], scenario: Pick<Scenario, 'objects'>): WaitTarget | undefined {
  const subject = subjectOf(op);
  if (op.f === 'join' && subject !== undefined) return { kind: 'join', actor: subject };
  if (op.f === 'acquire' && op.target !== undefined && lockLike(scenario, op.target)) {
    const spec = holdSpecFor(scenario, op.target);
    const holder = holdersAtEnd(holdingIntervals(ops, spec))[0];
    return { kind: 'lock', object: spec.targets[0]!, ...(holder ? { holder: holder.actor } : {}) };
  }
  if (BLOCKING_ON_ANYONE.has(op.f)) return { kind: 'anyone', ...(op.target !== undefined ? { object: op.target } : {}) };
  return undefined;
}

function edgeText(actor: string, on: WaitTarget): string {
  switch (on.kind) {
    case 'lock':
      return on.holder ? `${actor} waits for ${on.object} held by ${on.holder}` : `${actor} waits for ${on.object}, which the history shows nobody holding`;
    case 'join':
      return `${actor} waits for ${on.actor} to finish (join)`;
    case 'anyone':
      return `${actor} is blocked on ${on.object ?? 'an operation'} (anyone could release it)`;
  }
}

/** The wait-for graph at the end of a history. `unfinished` are the actors the run reported as not done. */
export function waitForGraph(operations: readonly Operation[], scenario: Pick<Scenario, 'objects' | 'actors'>, unfinished: readonly string[]): WaitForGraph {
  const actors: Record<string, ActorState> = {};
  const stillRunning = new Set(unfinished);
  const names = new Set([...scenario.actors.map((a) => a.name), ...operations.map((op) => op.actor)]);
  for (const name of names) {
    const own = operations.filter((op) => op.actor === name);
    const last = own[own.length - 1];
    if (last && isIncomplete(last)) {
      const on = waitTarget(last, operations, scenario);
      actors[name] = on ? { state: 'blocked', op: last, on } : { state: 'running', doing: describeCall(last) };
    } else if (!stillRunning.has(name)) {
      actors[name] = { state: 'finished' };
    } else if (own.length === 0 && scenario.actors.find((a) => a.name === name)?.start === 'manual') {
      actors[name] = { state: 'not-started' };
    } else {
      actors[name] = { state: 'running' };
    }
  }

  const edges: WaitEdge[] = [];
  const next = new Map<string, WaitEdge>();
  for (const [name, st] of Object.entries(actors)) {
    if (st.state !== 'blocked') continue;
    const to = st.on.kind === 'lock' ? st.on.holder : st.on.kind === 'join' ? st.on.actor : undefined;
    if (to === undefined) continue;
    const edge = { from: name, to, text: edgeText(name, st.on) };
    edges.push(edge);
    next.set(name, edge);
  }

  // Each actor waits on at most one other, so cycles are found by walking successors.
  const cycles: WaitEdge[][] = [];
  const done = new Set<string>();
  for (const start of [...next.keys()].sort()) {
    const seen: string[] = [];
    let at: string | undefined = start;
    while (at !== undefined && !done.has(at) && !seen.includes(at)) {
      seen.push(at);
      at = next.get(at)?.to;
    }
    if (at !== undefined && seen.includes(at)) {
      const members = seen.slice(seen.indexOf(at));
      const first = [...members].sort()[0]!;
      const rotated = [...members.slice(members.indexOf(first)), ...members.slice(0, members.indexOf(first))];
      cycles.push(rotated.map((m) => next.get(m)!));
    }
    seen.forEach((s) => done.add(s));
  }
  return { actors, edges, cycles };
}

function graphEvidence(graph: WaitForGraph, status: string): Json {
  const blocked: Json[] = [];
  const running: string[] = [];
  const notStarted: string[] = [];
  for (const [name, st] of Object.entries(graph.actors)) {
    if (st.state === 'blocked') blocked.push({ actor: name, op: describeCall(st.op), on: edgeText(name, st.on) });
    if (st.state === 'running') running.push(name);
    if (st.state === 'not-started') notStarted.push(name);
  }
  return {
    status,
    cycles: graph.cycles.map((c): Json => c.map((e): Json => ({ from: e.from, to: e.to, text: e.text }))),
    blocked,
    running,
    notStarted,
  };
}

export interface Diagnosis {
  graph: WaitForGraph;
  /** One of: a cycle, everyone blocked without a cycle, or something still running. */
  verdict: 'cycle' | 'all-blocked' | 'not-deadlocked';
  message: string;
  evidence: Json;
}

/** Diagnoses a run cut by its deadline. */
export function diagnoseDeadlock(result: ScenarioResult, scenario: Pick<Scenario, 'objects' | 'actors'>, operations: readonly Operation[]): Diagnosis {
  const graph = waitForGraph(operations, scenario, result.unfinished);
  const evidence = graphEvidence(graph, result.status);
  const states = Object.entries(graph.actors);
  const blocked = states.filter(([, s]) => s.state === 'blocked');
  const running = states.filter(([, s]) => s.state === 'running');
  const blockedText = blocked.map(([n, s]) => (s.state === 'blocked' ? edgeText(n, s.on) : n));
  if (graph.cycles.length > 0) {
    const cycleText = graph.cycles.map((c) => c.map((e) => e.text).join('; ')).join(' | ');
    const others = blockedText.filter((t) => !graph.cycles.some((c) => c.some((e) => e.text === t)));
    return {
      graph,
      verdict: 'cycle',
      message: `deadlock: ${cycleText}${others.length > 0 ? `; also ${others.join('; ')}` : ''}`,
      evidence,
    };
  }
  if (blocked.length > 0 && running.length === 0) {
    return { graph, verdict: 'all-blocked', message: `all actors blocked (no cycle through locks): ${blockedText.join('; ')}`, evidence };
  }
  const runningText = running.map(([n, s]) => (s.state === 'running' && s.doing ? `${n} (in ${s.doing})` : n));
  return {
    graph,
    verdict: 'not-deadlocked',
    message: `no deadlock: ${running.length > 0 ? `${listWords(runningText)} still running` : 'nothing blocked'}${blockedText.length > 0 ? `; ${blockedText.join('; ')}` : ''}`,
    evidence,
  };
}

/** The run deadlocked: cut by its deadline with a wait-for cycle (or, unless `requireCycle`, with every actor blocked). */
export function checkDeadlocked(result: ScenarioResult, scenario: Pick<Scenario, 'objects' | 'actors'>, options: { requireCycle?: boolean } = {}): Judgement {
  if (result.status !== 'deadline') {
    return { ok: false, message: `expected a deadlock, but the run ${result.status === 'completed' ? 'completed' : `crashed: ${result.error ?? 'no reason given'}`}` };
  }
  const { operations, problems } = pairOperations(result.history);
  if (problems.length > 0) return malformedHistory(problems);
  const d = diagnoseDeadlock(result, scenario, operations);
  const ok = d.verdict === 'cycle' || (d.verdict === 'all-blocked' && !options.requireCycle);
  return { ok, message: ok ? d.message : `expected a deadlock${options.requireCycle ? ' with a cycle' : ''}, found ${d.message}`, evidence: d.evidence };
}

/** The run completed; if it was cut by its deadline, the message says who waited for whom. */
export function checkNoDeadlock(result: ScenarioResult, scenario: Pick<Scenario, 'objects' | 'actors'>): Judgement {
  if (result.status === 'completed') return { ok: true, message: 'the run completed' };
  if (result.status === 'crashed') return { ok: false, message: `the run crashed: ${result.error ?? 'no reason given'}` };
  const { operations, problems } = pairOperations(result.history);
  if (problems.length > 0) return malformedHistory(problems);
  const d = diagnoseDeadlock(result, scenario, operations);
  return { ok: false, message: `the run hit its deadline: ${d.message}`, evidence: d.evidence };
}
