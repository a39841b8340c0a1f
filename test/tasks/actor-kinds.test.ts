import { claims as catalog } from '../../spec';
import { actorKindsOf, checkScenarios, threadsOrTasks, type Claim, type ScenarioCheck } from '../../spec/claim';
import { applicability, KIND_CAPABILITY, withActorKind } from '../../harness/runner/actor-kinds';
import { runClaims } from '../../harness/runner/runner';
import type { Capability } from '../../harness/capability';
import type { Scenario } from '../../harness/scenario/model';
import { FakeImplementation, result } from '../harness/fake-implementation';

/** Claims that may run with other actor kinds than they are written with (ScenarioCheck.actorKinds). */

const source = { doc: 'd.txt', section: 's', quote: 'q' };

const written: Scenario = {
  version: 1,
  name: 'two threads',
  timeUnitMs: 1,
  deadlineMs: 1_000,
  objects: { l: { type: 'lock' } },
  actors: [
    { name: 'a', kind: 'thread', ops: [{ op: 'acquire', target: 'l' }] },
    { name: 'b', kind: 'thread', ops: [{ op: 'sleep', units: 1 }] },
  ],
};

function claim(check: ScenarioCheck, capabilities: Capability[] = ['threads', 'lock']): Claim {
  return { id: 'x.kinds', title: 'a claim about kinds', topic: 'x', source, kind: 'executable', level: 'MUST', capabilities, tags: [], check };
}

const judged = threadsOrTasks({ type: 'scenario', scenarios: [written], judge: (_runs, ran) => ({ ok: true, message: `ran ${ran[0].actors.map((a) => a.kind).join(',')}` }) });

async function runOn(capabilities: Capability[], c: Claim) {
  const impl = new FakeImplementation(capabilities, () => result());
  const report = await runClaims({ implementation: impl, claims: [c], seed: 1 });
  return { impl, result: report.claims[0] };
}

describe('actor kinds', () => {
  it('runs the scenarios as written on an implementation of the written kind', async () => {
    const { impl, result: r } = await runOn(['threads', 'lock'], claim(judged));
    expect(r).toMatchObject({ verdict: 'pass', message: 'ran thread,thread' });
    expect(impl.calls[0].scenario).toBe(written);
    expect(JSON.stringify(r.evidence)).not.toMatch(/actorKind/);
  });

  it('runs them with the first other kind the implementation supports, and says so', async () => {
    const { impl, result: r } = await runOn(['tasks', 'lock'], claim(judged));
    expect(impl.calls[0].scenario.actors.map((a) => a.kind)).toEqual(['task', 'task']);
    expect(r.verdict).toBe('pass');
    expect(r.message).toBe('ran task,task (scenarios written with thread actors ran with task actors)');
    expect(r.evidence).toMatchObject({ actorKind: { written: 'thread', ran: 'task' } });
    // The claim's own scenario is not modified.
    expect(written.actors.map((a) => a.kind)).toEqual(['thread', 'thread']);
  });

  it('prefers the written kind when the implementation has both', async () => {
    const { impl } = await runOn(['threads', 'tasks', 'lock'], claim(judged));
    expect(impl.calls[0].scenario).toBe(written);
  });

  it('is not applicable without any of the kinds, or without another capability', async () => {
    expect((await runOn(['processes', 'lock'], claim(judged))).result).toMatchObject({ verdict: 'not-applicable', message: 'fake lacks: threads or tasks' });
    expect((await runOn(['tasks'], claim(judged))).result).toMatchObject({ verdict: 'not-applicable', message: 'fake lacks: lock' });
  });

  it('keeps a claim without actorKinds to its written kind', async () => {
    const plain: ScenarioCheck = { type: 'scenario', scenarios: [written], judge: () => ({ ok: true, message: 'ok' }) };
    const { impl, result: r } = await runOn(['tasks', 'lock'], claim(plain));
    expect(r).toMatchObject({ verdict: 'not-applicable', message: 'fake lacks: threads' });
    expect(impl.calls).toHaveLength(0);
  });

  it('computes applicability and rewrites only actors of the written kind', () => {
    expect(applicability(['threads', 'lock'], ['thread', 'task'], (c) => c === 'tasks' || c === 'lock')).toEqual({ missing: [], kind: { written: 'thread', chosen: 'task' } });
    expect(applicability(['threads', 'lock'], undefined, (c) => c === 'tasks')).toEqual({ missing: ['threads', 'lock'] });
    const mixed: Scenario = { ...written, actors: [written.actors[0], { ...written.actors[1], kind: 'process' }] };
    expect(withActorKind(mixed, { written: 'thread', chosen: 'task' }).actors.map((a) => a.kind)).toEqual(['task', 'process']);
    expect(withActorKind(mixed, { written: 'thread', chosen: 'thread' })).toBe(mixed);
  });
});

describe('the catalog with actor kinds', () => {
  const withKinds = catalog.filter((c) => actorKindsOf(c.check) !== undefined);

  it('lets the thread-level primitive claims run on tasks', () => {
    expect(withKinds.length).toBeGreaterThanOrEqual(45);
    const topics = new Set(withKinds.map((c) => c.topic));
    for (const topic of ['lock', 'deadlock', 'rlock', 'semaphore', 'event', 'queue']) expect(topics.has(topic)).toBe(true);
  });

  it('writes their scenarios with the first listed kind and lists that kind\'s capability', () => {
    for (const c of withKinds) {
      const [first] = actorKindsOf(c.check)!;
      expect(`${c.id}: ${c.capabilities.includes(KIND_CAPABILITY[first])}`).toBe(`${c.id}: true`);
      const scenarios = checkScenarios(c.check!, 1);
      for (const s of scenarios) for (const a of s.actors) expect(`${c.id}/${a.name}: ${a.kind}`).toBe(`${c.id}/${a.name}: ${first}`);
    }
  });
});
