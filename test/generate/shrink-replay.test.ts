import * as path from 'node:path';
import { claims } from '../../spec';
import type { Claim, PropertyCheck } from '../../spec/claim';
import { queueScenarios } from '../../harness/generate';
import { runClaims } from '../../harness/runner/runner';
import { withReplayCommands } from '../../harness/report/replay-command';
import { summaryText } from '../../harness/report/summary-text';
import { renderHtmlReport } from '../../harness/report/html/html-report';
import { validateScenario } from '../../harness/scenario/validate';
import { MutantImplementation } from '../mutants/mutant-implementation';
import { FakeImplementation, result } from '../harness/fake-implementation';

/**
 * The failure path of property claims: a broken implementation yields a shrunk counterexample,
 * the report shows it with its history and a `--replay` command, and the seed reproduces it.
 */

jest.setTimeout(120_000);

const source = { doc: 'd.txt', section: 's', quote: 'q' };
const propertyClaim = (id: string, check: PropertyCheck): Claim => ({ id, title: id, topic: 'fake', source, kind: 'executable', level: 'MUST', capabilities: ['threads'], tags: [], check });

describe('shrinking, deterministically', () => {
  // The "defect": any actor with three or more ops fails. fast-check must shrink a failing draw
  // to the smallest the arbitrary allows: two actors (its minimum), one with exactly three ops.
  const check: PropertyCheck = {
    type: 'property',
    scenarios: queueScenarios('fifo'),
    judge: (_run, s) => {
      const longest = Math.max(...s.actors.map((a) => a.ops.length));
      return longest >= 3 ? { ok: false, message: `an actor ran ${longest} ops` } : { ok: true, message: 'short' };
    },
  };
  const fake = () => new FakeImplementation(['threads', 'queue'], () => result());

  it('reports the minimal failing scenario, with the seed and shrinking steps', async () => {
    const report = await runClaims({ implementation: fake(), claims: [propertyClaim('fake.short-actors', check)], seed: 99 });
    const c = report.claims[0]!;
    expect(c.verdict).toBe('fail');
    expect(c.seed).toBe(99);
    expect(c.counterexample).toBeDefined();
    const s = c.counterexample!.scenario;
    expect(s.actors.length).toBe(2);
    expect(s.actors.map((a) => a.ops.length).sort()).toEqual([2, 3]);
    expect(c.counterexample!.shrinks).toBeGreaterThan(0);
    expect(c.counterexample!.message).toBe('an actor ran 3 ops');
    expect(c.message).toContain('shrinking step(s)');
  });

  it('draws and shrinks the same way from the same seed', async () => {
    const once = await runClaims({ implementation: fake(), claims: [propertyClaim('fake.short-actors', check)], seed: 5 });
    const again = await runClaims({ implementation: fake(), claims: [propertyClaim('fake.short-actors', check)], seed: 5 });
    expect(again.claims[0]!.counterexample).toEqual(once.claims[0]!.counterexample);
  });

  it('passes within the budget when nothing fails, and runs no more scenarios than it allows', async () => {
    const impl = fake();
    const report = await runClaims({ implementation: impl, claims: [propertyClaim('fake.ok', { ...check, judge: () => ({ ok: true, message: 'fine' }) })], seed: 1, budget: { runs: 7, ms: 10_000 } });
    expect(report.claims[0]).toMatchObject({ verdict: 'pass', message: '7 generated scenario(s) held', seed: 1 });
    expect(impl.calls.length).toBe(7);
  });

  it("draws no more than the check's maxRuns, whatever the budget allows", async () => {
    const impl = fake();
    const report = await runClaims({ implementation: impl, claims: [propertyClaim('fake.few', { ...check, maxRuns: 3, judge: () => ({ ok: true, message: 'fine' }) })], seed: 1, budget: { runs: 7, ms: 10_000 } });
    expect(report.claims[0]).toMatchObject({ verdict: 'pass', message: '3 generated scenario(s) held' });
    expect(impl.calls.length).toBe(3);
  });
});

describe('a broken implementation (LifoQueue takes from the front)', () => {
  const lifo = claims.find((c) => c.id === 'property.queue-lifo')!;

  it('fails with a shrunk, valid counterexample shown with its history and replay command in every report', async () => {
    const implementation = new MutantImplementation(path.join(__dirname, '..', 'mutants', 'lifo-is-fifo.ts'));
    try {
      const report = withReplayCommands(await runClaims({ implementation, claims: [lifo], seed: 31337 }), { impl: 'reference', repeatScale: 1 });
      const c = report.claims[0]!;
      expect(c.verdict).toBe('fail');
      expect(c.message).toMatch(/LIFO violated on q/);
      const s = c.counterexample!.scenario;
      expect(validateScenario(s)).toMatchObject({ ok: true });
      expect(c.timelines?.[0]?.scenario).toBe(s.name);
      expect(c.replay).toBe('npx conform run --claims property.queue-lifo --replay 31337');

      const text = summaryText(report);
      expect(text).toContain(`minimal scenario "${s.name}"`);
      expect(text).toContain('history (completed');
      expect(text).toContain('replay: npx conform run --claims property.queue-lifo --replay 31337');
      const page = renderHtmlReport({ runs: [report] });
      expect(page).toContain('Minimal failing scenario');

      // The replay seed reproduces the failure.
      const replayed = await runClaims({ implementation, claims: [lifo], seed: c.seed! });
      expect(replayed.claims[0]).toMatchObject({ verdict: 'fail' });
      expect(replayed.claims[0]!.counterexample).toBeDefined();
    } finally {
      await implementation.close();
    }
  });
});
