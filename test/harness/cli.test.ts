import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunReport } from '../../harness/runner/report-model';

/** Smoke tests of the real CLI: `node bin/conform.js ...` in a child process. */

const ROOT = path.join(__dirname, '..', '..');
const FIXTURE_CATALOG = path.join(__dirname, 'fixtures', 'catalog.ts');

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function conform(args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'bin', 'conform.js'), ...args],
      { cwd: ROOT, env: { ...process.env, CI: 'true' }, timeout: 60_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
    );
  });
}

let outDir: string;

beforeAll(async () => {
  outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'conform-cli-'));
});

afterAll(async () => {
  await fs.rm(outDir, { recursive: true, force: true });
});

describe('conform list', () => {
  it('prints the real catalog as JSON with the documented fields and no functions', async () => {
    const { code, stdout, stderr } = await conform(['list', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const claims = JSON.parse(stdout) as Record<string, unknown>[];
    expect(claims.length).toBeGreaterThan(0);
    for (const c of claims) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'title', 'topic', 'source', 'kind', 'level', 'reason', 'contest', 'capabilities', 'tags', 'status', 'plannedIn', 'hasCheck']));
      expect(c).not.toHaveProperty('check');
      expect(Object.keys(c.source as object).sort()).toEqual(['doc', 'quote', 'section']);
    }
  });

  it('groups the catalog by topic and marks contested and pending claims', async () => {
    const { code, stdout } = await conform(['list', '--catalog', FIXTURE_CATALOG]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^fixture \(2\)\n {2}fixture\.lock-counts/);
    expect(stdout).toMatch(/other\.disputed\s+contested\s+SHOULD\s+a contested statement {2}\[contested\]/);
    expect(stdout).toMatch(/other\.later .*\[pending\]/);
    expect(stdout).toMatch(/6 claim\(s\) in 2 topic\(s\)\n$/);
  });

  it('filters by topic and rejects an unknown one', async () => {
    const json = await conform(['list', '--json', '--topic', 'other', '--catalog', FIXTURE_CATALOG]);
    expect((JSON.parse(json.stdout) as { topic: string }[]).map((c) => c.topic)).toEqual(['other', 'other', 'other', 'other']);
    const bad = await conform(['list', '--topic', 'nope', '--catalog', FIXTURE_CATALOG]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('conform: no topic "nope"; topics: fixture, other\n');
  });
});

describe('conform run', () => {
  it('exits 0 and writes report.json when the selected claims pass', async () => {
    const out = path.join(outDir, 'pass');
    const { code, stdout } = await conform(['run', '--catalog', FIXTURE_CATALOG, '--claims', 'fixture.lock-counts', 'other.*', '--out', out, '--seed', '11']);
    expect(stdout).toMatch(/PASS\s+fixture\.lock-counts/);
    expect(code).toBe(0);
    const report = JSON.parse(await fs.readFile(path.join(out, 'report.json'), 'utf8')) as RunReport;
    expect(report).toMatchObject({
      formatVersion: 1,
      implementation: { name: 'reference', runtime: `node ${process.version}` },
      complete: true,
      seed: 11,
      selection: ['fixture.lock-counts', 'other.*'],
      summary: { total: 5, pass: 1, fail: 0, error: 0, 'not-applicable': 1, pending: 1, informational: 1, contested: 1 },
    });
    expect(report.implementation.capabilities).toEqual(expect.arrayContaining(['threads', 'lock', 'cell']));
    expect(report.claims.map((c) => c.id)).toEqual(['fixture.lock-counts', 'other.untestable', 'other.later', 'other.needs-tcp', 'other.disputed']);
    expect(report.claims[0]).toMatchObject({ verdict: 'pass', message: 'x = 2 in every run', source: { doc: 'fixture.txt' } });
    expect(Date.parse(report.finishedAt)).toBeGreaterThanOrEqual(Date.parse(report.startedAt));
  });

  it('exits 1 when a claim fails', async () => {
    const out = path.join(outDir, 'fail');
    const { code, stdout } = await conform(['run', '--catalog', FIXTURE_CATALOG, '--claims', 'fixture', '--out', out]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/FAIL\s+fixture\.wrong-expectation/);
    const report = JSON.parse(await fs.readFile(path.join(out, 'report.json'), 'utf8')) as RunReport;
    expect(report.summary).toMatchObject({ total: 2, pass: 1, fail: 1 });
  });

  it('rejects a pattern matching nothing, an unknown implementation and a bad number with exit 2', async () => {
    const pattern = await conform(['run', '--catalog', FIXTURE_CATALOG, '--claims', 'fixture', 'nothing.*', '--out', path.join(outDir, 'x')]);
    expect(pattern.code).toBe(2);
    expect(pattern.stderr).toMatch(/^conform: no claim matches "nothing\.\*"/);
    const impl = await conform(['run', '--catalog', FIXTURE_CATALOG, '--impl', 'java', '--out', path.join(outDir, 'x')]);
    expect(impl.code).toBe(2);
    expect(impl.stderr).toMatch(/^conform: unknown implementation "java"; --impl takes one of:\n {2}reference: /);
    const later = await conform(['run', '--catalog', FIXTURE_CATALOG, '--impl', 'cmd:python3 adapter.py', '--out', path.join(outDir, 'x')]);
    expect(later.code).toBe(2);
    expect(later.stderr).toMatch(/failed the handshake: the adapter exited with code 2 before its handshake.*can't open file/s);
    const seed = await conform(['run', '--seed', 'abc']);
    expect(seed.code).not.toBe(0);
    expect(seed.stderr).toMatch(/--seed <n>' argument 'abc' is invalid. must be an integer/);
    await expect(fs.access(path.join(outDir, 'x'))).rejects.toThrow();
  });
});
