import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Claim, ScenarioCheck } from '../../spec/claim';
import { JsonReporter } from '../../harness/report/json-reporter';
import type { Reporter } from '../../harness/report/reporter';
import type { RunReport } from '../../harness/runner/report-model';
import { runClaims } from '../../harness/runner/runner';
import { FakeImplementation, longHistory, result, tinyScenario } from './fake-implementation';

const source = { doc: 'd.txt', section: 's', quote: 'q' };

function claim(id: string, check?: ScenarioCheck, extra: Partial<Claim> = {}): Claim {
  return { id, title: id, topic: id.split('.')[0], source, kind: 'executable', level: 'MUST', capabilities: ['threads'], tags: [], ...(check ? { check } : {}), ...extra };
}

const judgeOk: ScenarioCheck['judge'] = () => ({ ok: true, message: 'fine', evidence: { seen: 1 } });

async function run(claims: Claim[], impl: FakeImplementation, extra: Partial<Parameters<typeof runClaims>[0]> = {}): Promise<RunReport> {
  return runClaims({ implementation: impl, claims, seed: 42, ...extra });
}

const healthy = () => new FakeImplementation(['threads', 'lock'], () => result());

describe('runner verdicts', () => {
  it('passes when the judge holds, keeping its message and evidence', async () => {
    const report = await run([claim('a.ok', { type: 'scenario', scenarios: [tinyScenario()], judge: judgeOk })], healthy());
    expect(report.claims[0]).toMatchObject({ id: 'a.ok', verdict: 'pass', message: 'fine', evidence: { judge: { seen: 1 }, runs: [{ scenario: 's', runs: 1, statuses: { completed: 1 } }] } });
    expect(report.summary).toMatchObject({ total: 1, pass: 1, fail: 0, error: 0 });
    expect(report.complete).toBe(true);
    expect(report.claims[0].durationMs).toBeGreaterThanOrEqual(0);
  });

  it('fails when the judge does not hold, with a sample history cut to the evidence limit', async () => {
    const impl = new FakeImplementation(['threads'], () => result({ history: longHistory(500) }));
    const report = await run([claim('a.no', { type: 'scenario', scenarios: [tinyScenario()], judge: () => ({ ok: false, message: 'wrong' }) })], impl, { maxEvidenceEvents: 50 });
    const c = report.claims[0];
    expect(c).toMatchObject({ verdict: 'fail', message: 'wrong' });
    const sample = (c.evidence as { sample: { history: unknown[]; historyCut: number } }).sample;
    expect(sample.history).toHaveLength(50);
    expect(sample.historyCut).toBe(450);
  });

  it('gives error when the implementation throws, naming the scenario and run', async () => {
    const impl = new FakeImplementation(['threads'], (s, call) => {
      if (call === 2) throw new Error('adapter exploded');
      return result();
    });
    const report = await run([claim('a.err', { type: 'scenario', repeat: 3, scenarios: [tinyScenario('boom')], judge: judgeOk })], impl);
    expect(report.claims[0].verdict).toBe('error');
    expect(report.claims[0].message).toBe('the implementation threw on scenario "boom" (run 2 of 3): Error: adapter exploded');
  });

  it('gives error when the implementation crashed', async () => {
    const impl = new FakeImplementation(['threads'], () => result({ status: 'crashed', error: 'worker died' }));
    const report = await run([claim('a.crash', { type: 'scenario', scenarios: [tinyScenario()], judge: judgeOk })], impl);
    expect(report.claims[0]).toMatchObject({ verdict: 'error', message: expect.stringMatching(/crashed on scenario "s" \(run 1 of 1\): worker died/) });
  });

  it('gives error when the check throws, and when a scenario is invalid', async () => {
    const throwing = claim('a.judge-throws', { type: 'scenario', scenarios: [tinyScenario()], judge: () => { throw new TypeError('bug in judge'); } });
    const invalid = claim('a.invalid', { type: 'scenario', scenarios: [{ ...tinyScenario(), timeUnitMs: -1 }], judge: judgeOk });
    const generator = claim('a.generator-throws', { type: 'scenario', scenarios: () => { throw new Error('no'); }, judge: judgeOk });
    const impl = healthy();
    const report = await run([throwing, invalid, generator], impl);
    expect(report.claims.map((c) => c.verdict)).toEqual(['error', 'error', 'error']);
    expect(report.claims[0].message).toBe("the check's judge threw: TypeError: bug in judge");
    expect(report.claims[1].message).toBe('scenario 1 ("s") is invalid:\ntimeUnitMs: must be a number of milliseconds > 0');
    expect(report.claims[2].message).toBe('the check threw while generating its scenarios (seed 42): Error: no');
    expect(impl.calls).toHaveLength(1); // only the first claim ran anything
  });

  it('leaves a deadline to the judge: a deadlock claim that expects it passes', async () => {
    const impl = new FakeImplementation(['threads'], () => result({ status: 'deadline', unfinished: ['t1', 't2'] }));
    const expectsDeadlock: ScenarioCheck['judge'] = (runs) =>
      runs[0][0].status === 'deadline' ? { ok: true, message: 'hung as the document says' } : { ok: false, message: 'did not hang' };
    const report = await run([claim('deadlock.x', { type: 'scenario', scenarios: [tinyScenario()], judge: expectsDeadlock })], impl);
    expect(report.claims[0]).toMatchObject({ verdict: 'pass', message: 'hung as the document says' });
  });

  it('marks claims not-applicable, pending, informational and contested without running them', async () => {
    const impl = healthy();
    const check: ScenarioCheck = { type: 'scenario', scenarios: [tinyScenario()], judge: judgeOk };
    const report = await run(
      [
        claim('b.tcp', check, { capabilities: ['threads', 'tcp', 'udp'] }),
        claim('b.later', check, { status: 'pending', capabilities: ['processes'], plannedIn: 4 }),
        claim('b.info', undefined, { kind: 'informational', reason: 'advice only' }),
        claim('b.disputed', undefined, { kind: 'contested', contest: { says: 'A', actually: 'B', evidence: 'C' } }),
      ],
      impl,
    );
    expect(report.claims.map((c) => [c.verdict, c.message])).toEqual([
      ['not-applicable', 'fake lacks: tcp, udp'],
      ['pending', 'belongs to issue #4; not run yet'],
      ['informational', 'advice only'],
      ['contested', 'the document says: A; actually: B'],
    ]);
    expect(impl.calls).toEqual([]);
    expect(report.summary).toMatchObject({ total: 4, pass: 0, fail: 0, error: 0, 'not-applicable': 1, pending: 1, informational: 1, contested: 1 });
  });

  it('runs a contested claim that has a check and reports its verdict', async () => {
    const c = claim('b.contested-run', { type: 'scenario', scenarios: [tinyScenario()], judge: () => ({ ok: false, message: 'real systems differ' }) }, {
      kind: 'contested',
      contest: { says: 'A', actually: 'B', evidence: 'C' },
    });
    const report = await run([c], healthy());
    expect(report.claims[0]).toMatchObject({ kind: 'contested', verdict: 'fail', message: 'real systems differ' });
  });

  it('grades outcomes: forbidden fails, a missing must-see fails, otherwise passes; repeat is scaled', async () => {
    let value = 0;
    const counting = new FakeImplementation(['threads'], () => result({ final: { cells: { x: value++ % 2 } } }));
    const grading = (forbid: string | undefined, mustSee?: 'interesting'): ScenarioCheck => ({
      type: 'scenario',
      repeat: 4,
      scenarios: [tinyScenario()],
      outcomes: { key: (r) => String(r.final.cells.x), grade: (k) => (k === forbid ? 'forbidden' : k === '1' ? 'interesting' : 'acceptable'), ...(mustSee ? { mustSee: [mustSee] } : {}) },
    });
    const report = await run([claim('c.ok', grading(undefined, 'interesting')), claim('c.forbidden', grading('1')), claim('c.never', grading('9', 'interesting'))], counting, {
      repeatScale: 0.5,
    });
    expect(counting.calls).toHaveLength(6); // 4 × 0.5 per claim
    expect(report.claims.map((c) => c.verdict)).toEqual(['pass', 'fail', 'pass']);
    expect(report.claims[1].message).toMatch(/forbidden seen: 1 ×1/);

    const onlyZero = new FakeImplementation(['threads'], () => result({ final: { cells: { x: 0 } } }));
    const missing = await run([claim('c.missing', grading(undefined, 'interesting'))], onlyZero);
    expect(missing.claims[0].verdict).toBe('fail');
    expect(missing.claims[0].message).toMatch(/never saw interesting in 4 runs/);
  });

  it('passes the seed to generated scenarios', async () => {
    const seen: number[] = [];
    const check: ScenarioCheck = { type: 'scenario', scenarios: (seed) => (seen.push(seed), [tinyScenario(`gen-${seed}`)]), judge: judgeOk };
    const impl = healthy();
    await run([claim('d.gen', check)], impl, { seed: 7 });
    expect(seen).toEqual([7]);
    expect(impl.calls[0].scenario.name).toBe('gen-7');
  });

  it('gives error when an implementation hangs past the deadline and grace, and moves on', async () => {
    const hanging = new FakeImplementation(['threads'], (s) => (s.name === 'hang' ? new Promise(() => undefined) : result()));
    const report = await run(
      [claim('e.hang', { type: 'scenario', scenarios: [tinyScenario('hang', 50)], judge: judgeOk }), claim('e.next', { type: 'scenario', scenarios: [tinyScenario()], judge: judgeOk })],
      hanging,
      { hangGraceMs: 50 },
    );
    expect(report.claims[0].verdict).toBe('error');
    expect(report.claims[0].message).toMatch(/did not return within 100 ms/);
    expect(hanging.calls[0].options?.signal?.aborted).toBe(true);
    expect(report.claims[1].verdict).toBe('pass');
  });

  it('survives reporters whose progress hooks throw', async () => {
    const broken: Reporter = {
      onRunStart: () => { throw new Error('x'); },
      onClaimEnd: () => { throw new Error('y'); },
      onRunEnd: () => undefined,
    };
    const report = await run([claim('f.ok', { type: 'scenario', scenarios: [tinyScenario()], judge: judgeOk })], healthy(), { reporters: [broken] });
    expect(report.claims[0].verdict).toBe('pass');
  });
});

describe('runner abort', () => {
  it('stops on abort, drops the claim in progress and still writes an incomplete report', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'conform-abort-'));
    const controller = new AbortController();
    const impl = new FakeImplementation(['threads'], (s, _call, options) => {
      if (s.name !== 'slow') return result();
      controller.abort(); // SIGINT arrives while this scenario runs
      return new Promise((resolve) => options?.signal?.addEventListener('abort', () => resolve(result({ status: 'crashed', error: 'aborted' }))));
    });
    const check = (name: string): ScenarioCheck => ({ type: 'scenario', scenarios: [tinyScenario(name)], judge: judgeOk });
    const json = new JsonReporter(dir);
    const report = await run([claim('g.first', check('fast')), claim('g.second', check('slow')), claim('g.third', check('fast'))], impl, {
      signal: controller.signal,
      reporters: [json],
    });
    expect(report.complete).toBe(false);
    expect(report.claims.map((c) => c.id)).toEqual(['g.first']);
    const written = JSON.parse(await fs.readFile(json.file, 'utf8')) as RunReport;
    expect(written).toMatchObject({ complete: false, summary: { total: 1, pass: 1 }, seed: 42 });
    expect(await fs.readdir(dir)).toEqual(['report.json']); // no temp file left behind
    await fs.rm(dir, { recursive: true, force: true });
  });
});
