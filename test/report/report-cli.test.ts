import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Document } from '@oozcitak/dom/lib/dom/interfaces';
import { create } from 'xmlbuilder2';
import { Parser, type FinalResults } from 'tap-parser';
import type { RunReport } from '../../harness/runner/report-model';
import { conform, conformInterrupted, REPORT_CATALOG } from './cli-helpers';

/**
 * The reporting side of `conform run` end to end, on the report fixture catalog and the
 * reference implementation: formats, sharding and merging, baselines, replay, interruption.
 */

jest.setTimeout(180_000);

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'conform-report-cli-'));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const readJson = async <T>(file: string): Promise<T> => JSON.parse(await fs.readFile(file, 'utf8')) as T;
const verdicts = (report: RunReport) => report.claims.map((c) => `${c.id}:${c.verdict}`);

function parseTap(text: string): FinalResults {
  let final: FinalResults | undefined;
  new Parser({ strict: true }, (r) => (final = r)).end(text);
  return final!;
}

describe('conform run: formats', () => {
  it('writes report.json, report.tap, junit.xml and index.html by default, all describing the same run', async () => {
    const out = path.join(dir, 'all');
    const { code, stdout } = await conform(['run', '--catalog', REPORT_CATALOG, '--out', out, '--seed', '3']);
    expect(code).toBe(1); // the fixture catalog has failing claims
    expect(stdout).toMatch(/FAIL\s+rep\.wrong-expectation/); // console is a default format too
    expect(stdout).toContain(`reports: ${out}${path.sep}{report.json, report.tap, junit.xml, index.html}`);
    expect((await fs.readdir(out)).sort()).toEqual(['index.html', 'junit.xml', 'report.json', 'report.tap']);

    const report = await readJson<RunReport>(path.join(out, 'report.json'));
    expect(report).toMatchObject({ complete: true, planned: 10, summary: { total: 10, pass: 3, fail: 3, 'not-applicable': 1, pending: 1, informational: 1, contested: 1 } });
    const tap = parseTap(await fs.readFile(path.join(out, 'report.tap'), 'utf8'));
    expect(tap).toMatchObject({ count: 10, fail: 3, skip: 4, ok: false });
    const junit = create(await fs.readFile(path.join(out, 'junit.xml'), 'utf8')).node as unknown as Document;
    expect(junit.documentElement?.getAttribute('failures')).toBe('3');
    const page = await fs.readFile(path.join(out, 'index.html'), 'utf8');
    expect(page.match(/<tr class="claim/g)).toHaveLength(report.claims.length);

    // The evidence each kind of claim carries reaches the report.
    const byId = new Map(report.claims.map((c) => [c.id, c]));
    expect(byId.get('rep.deadlock')?.timelines?.[0]).toMatchObject({ status: 'deadline', actors: ['A', 'B'] });
    expect(byId.get('rep.deadlock')?.timelines?.[0].ops.filter((op) => op.outcome === 'info')).toHaveLength(2);
    expect(byId.get('rep.racy-counter')?.outcomes?.runs).toBe(3);
    expect(byId.get('rep.property')?.counterexample).toMatchObject({ message: 'two writers to one cell', scenario: { name: '2 actor(s)' } });
    expect(byId.get('rep.disputed')?.contest?.says).toBe('the frame header is 18 bytes');
  });

  it('writes only the formats asked for, and rejects unknown ones', async () => {
    const out = path.join(dir, 'some');
    const { code, stdout } = await conform(['run', '--catalog', REPORT_CATALOG, '--claims', 'rep.locked-counts', '--out', out, '--format', 'tap,junit']);
    expect(code).toBe(0);
    expect(stdout).toBe(`reports: ${out}${path.sep}{report.tap, junit.xml}\n`); // no console format: no progress lines
    expect((await fs.readdir(out)).sort()).toEqual(['junit.xml', 'report.tap']);
    const bad = await conform(['run', '--catalog', REPORT_CATALOG, '--format', 'json', 'pdf', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('conform: unknown format "pdf"; --format takes any of console, json, tap, junit, html\n');
  });
});

describe('conform run --shard and conform report merge', () => {
  it('partitions the claims, and merging every shard gives the unsharded run\'s verdicts', async () => {
    const whole = path.join(dir, 'whole');
    await conform(['run', '--catalog', REPORT_CATALOG, '--out', whole, '--seed', '8', '--format', 'json']);
    const unsharded = await readJson<RunReport>(path.join(whole, 'report.json'));

    const shardFiles: string[] = [];
    const seen: string[] = [];
    for (const i of [1, 2, 3]) {
      const out = path.join(dir, `shard-${i}`);
      await conform(['run', '--catalog', REPORT_CATALOG, '--out', out, '--seed', '8', '--format', 'json', '--shard', `${i}/3`]);
      const shard = await readJson<RunReport>(path.join(out, 'report.json'));
      expect(shard.shard).toEqual({ index: i, count: 3 });
      expect(shard.claims.length).toBeGreaterThanOrEqual(3);
      seen.push(...shard.claims.map((c) => c.id));
      shardFiles.push(path.join(out, 'report.json'));
    }
    expect(seen.sort()).toEqual(unsharded.claims.map((c) => c.id).sort()); // a partition: each claim in exactly one shard

    const merged = path.join(dir, 'merged');
    const { code, stdout } = await conform(['report', 'merge', ...shardFiles.reverse(), '--out', merged, '--catalog', REPORT_CATALOG]);
    expect(code).toBe(1); // the merged run has the fixture's failures
    expect(stdout).toMatch(/10 claim\(s\): 3 pass, 3 fail/);
    const report = await readJson<RunReport>(path.join(merged, 'report.json'));
    expect(verdicts(report)).toEqual(verdicts(unsharded));
    expect(report.summary).toEqual(unsharded.summary);
    expect(report).toMatchObject({ complete: true, planned: 10 });
    expect((await fs.readdir(merged)).sort()).toEqual(['index.html', 'junit.xml', 'report.json', 'report.tap']);

    const missing = await conform(['report', 'merge', shardFiles[0], '--out', path.join(dir, 'partial'), '--catalog', REPORT_CATALOG, '--format', 'json']);
    expect(missing.code).toBe(1);
    expect((await readJson<RunReport>(path.join(dir, 'partial', 'report.json'))).complete).toBe(false);

    const twice = await conform(['report', 'merge', shardFiles[0], shardFiles[0], '--out', path.join(dir, 'twice'), '--catalog', REPORT_CATALOG]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/^conform: claim rep\.\S+ of reference is in both/);
  });

  it('rejects a malformed --shard', async () => {
    const bad = await conform(['run', '--catalog', REPORT_CATALOG, '--shard', '4/3', '--out', path.join(dir, 'x')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('conform: --shard 4/3: need 1 <= i <= n\n');
  });
});

describe('conform run --baseline and conform baseline update', () => {
  const claims = ['--claims', 'rep.locked-counts', 'rep.wrong-expectation', 'rep.deadlock'];

  it('passes with known failures, and fails on a new failure or an unexpected pass', async () => {
    const out = path.join(dir, 'base-run');
    const first = await conform(['run', '--catalog', REPORT_CATALOG, ...claims, '--out', out, '--format', 'json']);
    expect(first.code).toBe(1);

    const file = path.join(dir, 'baseline.json');
    const update = await conform(['baseline', 'update', '--from', path.join(out, 'report.json'), '--file', file]);
    expect(update.code).toBe(0);
    expect(update.stdout).toMatch(/^added {3}reference rep\.wrong-expectation: expected fail$/m);
    const written = await readJson<{ implementations: Record<string, Record<string, { expected: string; reason: string }>> }>(file);
    expect(Object.keys(written.implementations.reference)).toEqual(['rep.wrong-expectation']);
    expect(written.implementations.reference['rep.wrong-expectation'].reason).toMatch(/^fail since \d{4}-\d\d-\d\d: expected x = 3, saw 2$/);

    const gated = path.join(dir, 'base-gated');
    const known = await conform(['run', '--catalog', REPORT_CATALOG, ...claims, '--out', gated, '--baseline', file]);
    expect(known.code).toBe(0);
    expect(known.stdout).toMatch(/FAIL rep\.wrong-expectation \(known failure\)/);
    expect(known.stdout).toMatch(/baseline .*baseline\.json: as expected \(1 expected, 0 new failure/);
    const tap = parseTap(await fs.readFile(path.join(gated, 'report.tap'), 'utf8'));
    expect(tap).toMatchObject({ todo: 1 });
    expect(tap.failures.filter((f) => !f.todo)).toEqual([]);
    expect(await fs.readFile(path.join(gated, 'junit.xml'), 'utf8')).toMatch(/<skipped type="expected-failure" message="known failure \(baseline\): fail since/);

    // The baseline goes stale when a listed claim passes: that fails the run too.
    written.implementations.reference['rep.locked-counts'] = { expected: 'fail', reason: 'believed broken' };
    await fs.writeFile(file, JSON.stringify(written));
    const stale = await conform(['run', '--catalog', REPORT_CATALOG, ...claims, '--out', gated, '--baseline', file, '--format', 'console']);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/UNEXPECTED PASS rep\.locked-counts: pass \(baseline expects fail: believed broken\)/);

    // Listed as intermittent, either outcome is fine.
    written.implementations.reference['rep.locked-counts'] = { expected: ['pass', 'fail'] as unknown as string, reason: 'flaky on slow machines' };
    await fs.writeFile(file, JSON.stringify(written));
    expect((await conform(['run', '--catalog', REPORT_CATALOG, ...claims, '--out', gated, '--baseline', file, '--format', 'json'])).code).toBe(0);

    // A claim failing with no entry is a new failure.
    delete written.implementations.reference['rep.wrong-expectation'];
    await fs.writeFile(file, JSON.stringify(written));
    const fresh = await conform(['run', '--catalog', REPORT_CATALOG, ...claims, '--out', gated, '--baseline', file, '--format', 'console']);
    expect(fresh.code).toBe(1);
    expect(fresh.stdout).toMatch(/NEW FAILURE rep\.wrong-expectation: fail/);
  });

  it('refuses a baseline entry without a reason', async () => {
    const file = path.join(dir, 'no-reason.json');
    await fs.writeFile(file, JSON.stringify({ version: 1, implementations: { reference: { 'rep.wrong-expectation': { expected: 'fail' } } } }));
    const run = await conform(['run', '--catalog', REPORT_CATALOG, '--claims', 'rep.locked-counts', '--baseline', file, '--out', path.join(dir, 'x')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not a valid baseline: \/implementations\/reference\/rep\.wrong-expectation must have required property 'reason'/);
  });
});

describe('conform run --replay', () => {
  it('prints a replay command next to a generated scenario\'s failure, and that command reproduces it', async () => {
    const seed = 1 + Math.floor(Math.random() * 1_000_000);
    const out = path.join(dir, 'gen');
    const first = await conform(['run', '--catalog', REPORT_CATALOG, '--claims', 'rep.generated', '--seed', String(seed), '--out', out]);
    expect(first.code).toBe(1);
    const report = await readJson<RunReport>(path.join(out, 'report.json'));
    const claim = report.claims[0];
    const expected = `npx conform run --claims rep.generated --replay ${seed} --catalog ${REPORT_CATALOG}`;
    expect(claim).toMatchObject({ verdict: 'fail', seed, replay: expected });
    expect(first.stdout).toContain(`    replay: ${expected}`);
    expect(await fs.readFile(path.join(out, 'report.tap'), 'utf8')).toContain(`replay: ${JSON.stringify(expected)}`);
    expect(await fs.readFile(path.join(out, 'junit.xml'), 'utf8')).toContain(`replay: ${expected}`);
    expect(await fs.readFile(path.join(out, 'index.html'), 'utf8')).toContain(`<code>${expected}</code>`);

    // Run exactly the printed command (npx conform = this checkout's bin).
    const args = expected.split(' ').slice(2);
    const replayOut = path.join(dir, 'gen-replay');
    const again = await conform([...args, '--out', replayOut]);
    expect(again.code).toBe(1);
    const replayed = (await readJson<RunReport>(path.join(replayOut, 'report.json'))).claims[0];
    expect(replayed.message).toBe(claim.message); // the same generated scenario, the same final values
    expect(replayed.timelines?.[0].scenario).toBe(claim.timelines?.[0].scenario);

    const other = await conform(['run', '--catalog', REPORT_CATALOG, '--claims', 'rep.generated', '--seed', String(seed + 1), '--out', path.join(dir, 'gen-other'), '--format', 'json']);
    expect(other.code).toBe(1);
    expect((await readJson<RunReport>(path.join(dir, 'gen-other', 'report.json'))).claims[0].message).not.toBe(claim.message);
  });

  it('needs --claims and no --seed', async () => {
    const all = await conform(['run', '--catalog', REPORT_CATALOG, '--replay', '5', '--out', path.join(dir, 'x')]);
    expect(all.code).toBe(2);
    expect(all.stderr).toMatch(/--replay needs --claims/);
    const both = await conform(['run', '--catalog', REPORT_CATALOG, '--claims', 'rep.generated', '--replay', '5', '--seed', '6', '--out', path.join(dir, 'x')]);
    expect(both.code).toBe(2);
  });
});

describe('an interrupted or killed run', () => {
  const slow = ['--catalog', REPORT_CATALOG, '--claims', 'rep.locked-counts', 'rep.deadlock', 'rep.racy-counter', '--repeat-scale', '40'];

  it('writes every format, complete and parseable, marked incomplete, when terminated', async () => {
    const out = path.join(dir, 'terminated');
    const run = await conformInterrupted(['run', ...slow, '--out', out], /\[1\/3\]/, 'SIGTERM');
    expect(run.code).toBe(143);
    expect(run.stderr).toMatch(/terminated; stopping and writing the partial report/);
    const report = await readJson<RunReport>(path.join(out, 'report.json'));
    expect(report.complete).toBe(false);
    expect(report.planned).toBe(3);
    expect(report.claims.length).toBeLessThan(3);
    expect(report.claims[0].id).toBe('rep.locked-counts');
    const tap = parseTap(await fs.readFile(path.join(out, 'report.tap'), 'utf8'));
    expect(tap.bailout).toMatch(/^the run was interrupted after \d of 3 claim\(s\)$/);
    expect(await fs.readFile(path.join(out, 'junit.xml'), 'utf8')).toMatch(/<testcase classname="conform" name="\(run interrupted\)"/);
    expect(await fs.readFile(path.join(out, 'index.html'), 'utf8')).toMatch(/INCOMPLETE\. The run was interrupted after \d of 3 claims/);
    expect((await fs.readdir(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves the previous report whole when killed outright', async () => {
    const out = path.join(dir, 'killed');
    expect((await conform(['run', '--catalog', REPORT_CATALOG, '--claims', 'rep.locked-counts', '--out', out])).code).toBe(0);
    const before = await fs.readFile(path.join(out, 'report.json'), 'utf8');
    const run = await conformInterrupted(['run', ...slow, '--out', out], /\[1\/3\]/, 'SIGKILL');
    expect(run.signal).toBe('SIGKILL');
    expect(await fs.readFile(path.join(out, 'report.json'), 'utf8')).toBe(before);
    parseTap(await fs.readFile(path.join(out, 'report.tap'), 'utf8'));
    expect((await fs.readdir(out)).sort()).toEqual(['index.html', 'junit.xml', 'report.json', 'report.tap']);
  });
});
