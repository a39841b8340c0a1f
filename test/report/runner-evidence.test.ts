import type { Claim, ScenarioCheck } from '../../spec/claim';
import { runClaims } from '../../harness/runner/runner';
import { FakeImplementation, result, tinyScenario } from '../harness/fake-implementation';

/** What the runner keeps for reports: timelines, histograms, seeds, counterexamples, measurements, contests. */

const source = { doc: 'd.txt', section: 's', quote: 'q' };
const claim = (id: string, check?: ScenarioCheck, extra: Partial<Claim> = {}): Claim => ({ id, title: id, topic: 'a', source, kind: 'executable', level: 'MUST', capabilities: ['threads'], tags: [], ...(check ? { check } : {}), ...extra });

const history = [
  { type: 'invoke' as const, actor: 'a', f: 'sleep', time: 0, path: [0] },
  { type: 'ok' as const, actor: 'a', f: 'sleep', time: 1, path: [0] },
];

describe('what the runner keeps for reports', () => {
  it('keeps a timeline per scenario, the outcome histogram, and no seed for fixed scenarios', async () => {
    let call = 0;
    const impl = new FakeImplementation(['threads'], () => result({ history, final: { cells: { x: call++ % 2 } } }));
    const check: ScenarioCheck = {
      type: 'scenario',
      repeat: 4,
      scenarios: [tinyScenario('one'), tinyScenario('two')],
      outcomes: { key: (r) => String(r.final.cells['x']), grade: (k) => (k === '1' ? 'interesting' : 'acceptable'), describe: { interesting: 'odd' }, mustSee: ['interesting'] },
    };
    const [c] = (await runClaims({ implementation: impl, claims: [claim('a.racy', check)], seed: 3 })).claims;
    expect(c.verdict).toBe('pass');
    expect(c.timelines?.map((t) => [t.scenario, t.run, t.runs])).toEqual([
      ['one', 2, 4], // the first run with the interesting outcome
      ['two', 2, 4],
    ]);
    expect(c.timelines?.[0].ops).toEqual([{ actor: 0, f: 'sleep', start: 0, end: 1, outcome: 'ok' }]);
    expect(c.outcomes).toEqual({ runs: 8, entries: [{ key: '0', count: 4, grade: 'acceptable' }, { key: '1', count: 4, grade: 'interesting' }], missing: [], describe: { interesting: 'odd' } });
    expect(c.seed).toBeUndefined();
  });

  it('records the seed of generated scenarios whatever the verdict, and what the judge found', async () => {
    const impl = new FakeImplementation(['threads'], () => result({ history }));
    const check: ScenarioCheck = {
      type: 'scenario',
      scenarios: (seed) => [tinyScenario(`gen-${seed}`)],
      judge: (_runs, scenarios) => ({
        ok: false,
        message: 'no',
        counterexample: { scenario: scenarios[0], message: 'smallest', shrinks: 2 },
        measurements: [{ name: 'rate', unit: 'ops/s', values: [{ label: 'x', value: 3 }] }],
      }),
    };
    const passing: ScenarioCheck = { type: 'scenario', scenarios: (seed) => [tinyScenario(`gen-${seed}`)], judge: () => ({ ok: true, message: 'fine' }) };
    const [failed, passed] = (await runClaims({ implementation: impl, claims: [claim('a.gen', check), claim('a.ok', passing)], seed: 77 })).claims;
    expect(failed).toMatchObject({ verdict: 'fail', seed: 77, counterexample: { scenario: { name: 'gen-77' }, message: 'smallest', shrinks: 2 }, measurements: [{ name: 'rate' }] });
    expect(passed).toMatchObject({ verdict: 'pass', seed: 77 });
  });

  it('keeps a timeline of a crashed run, and the contest of a contested claim', async () => {
    const impl = new FakeImplementation(['threads'], () => result({ status: 'crashed', error: 'worker died', history: history.slice(0, 1) }));
    const contest = { says: 'A', actually: 'B', evidence: 'C' };
    const [crashed, contested] = (
      await runClaims({
        implementation: impl,
        claims: [claim('a.crash', { type: 'scenario', scenarios: [tinyScenario('s')], judge: () => ({ ok: true, message: 'x' }) }), claim('a.disputed', undefined, { kind: 'contested', contest })],
        seed: 1,
      })
    ).claims;
    expect(crashed.verdict).toBe('error');
    expect(crashed.timelines).toEqual([expect.objectContaining({ status: 'crashed', ops: [{ actor: 0, f: 'sleep', start: 0, outcome: 'pending', detail: 'never completed' }] })]);
    expect(contested).toMatchObject({ verdict: 'contested', contest });
  });
});
