import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunReport } from '../../harness/runner/report-model';
import { loadImplementationModule } from '../../harness/adapters/module/module-implementation';

/**
 * The three `--impl` forms through the real CLI (`node bin/conform.js run` in a child process):
 * the built-in `python`, `cmd:<command line>` for any out-of-process adapter, and
 * `./path/to/module` for an in-process one.
 */

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, 'fixtures');
const NAME_CATALOG = path.join(FIXTURES, 'scenario-name-catalog.ts');

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
  outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'conform-impl-'));
});

afterAll(async () => {
  await fs.rm(outDir, { recursive: true, force: true });
});

async function report(dir: string): Promise<RunReport> {
  return JSON.parse(await fs.readFile(path.join(dir, 'report.json'), 'utf8')) as RunReport;
}

describe('conform run --impl', () => {
  it('python: the deadlock claims on CPython, restarting the driver after each deadline', async () => {
    const out = path.join(outDir, 'python');
    const { code, stdout, stderr } = await conform(['run', '--impl', 'python', '--claims', 'deadlock.*', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/on python 0\.1\.0 \(CPython 3\.\d+\.\d+\)/);
    const r = await report(out);
    expect(r.implementation).toMatchObject({ name: 'python', runtime: expect.stringMatching(/^CPython 3\./) });
    expect(r.claims.map((c) => `${c.id}: ${c.verdict}`)).toEqual(expect.arrayContaining(['deadlock.two-threads-wait-forever: pass']));
    expect(r.summary.pass).toBe(r.summary.total);
  });

  it('cmd:<command line>: an adapter that crashes on one claim errors that claim and the run completes', async () => {
    const state = await fs.mkdtemp(path.join(outDir, 'state-'));
    const out = path.join(outDir, 'cmd');
    const command = `cmd:"${process.execPath}" "${path.join(FIXTURES, 'fake-adapter.js')}" "${state}" ok`;
    const { code, stdout } = await conform(['run', '--impl', command, '--catalog', NAME_CATALOG, '--out', out]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/ERROR\s+fixture\.crash/);
    const r = await report(out);
    expect(r.complete).toBe(true);
    expect(r.implementation.name).toBe('fake');
    expect(r.claims.map((c) => `${c.id}: ${c.verdict}`)).toEqual(['fixture.before: pass', 'fixture.crash: error', 'fixture.after: pass']);
    expect(r.claims[1].message).toMatch(/exited with code 3 in the middle of the run.*fake adapter: crashing on purpose/s);
  });

  it('./path/to/module: loads the module and uses its createImplementation()', async () => {
    const out = path.join(outDir, 'module');
    const { code } = await conform(['run', '--impl', './test/adapters/fixtures/module-adapter.ts', '--catalog', NAME_CATALOG, '--claims', 'fixture.before', '--out', out]);
    expect(code).toBe(0);
    const r = await report(out);
    expect(r.implementation.name).toBe('trivial-module');
    expect(r.claims.map((c) => c.verdict)).toEqual(['pass']);
  });

  it('./path/to/module: a module without a factory, or missing, is a usage error (exit 2) that says why', async () => {
    const none = await conform(['run', '--impl', './test/adapters/fixtures/not-an-adapter-module.ts', '--catalog', NAME_CATALOG, '--out', path.join(outDir, 'x')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/exports no `createImplementation` function/);
    const missing = await conform(['run', '--impl', './no/such/module.ts', '--catalog', NAME_CATALOG, '--out', path.join(outDir, 'x')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/could not load .*no\/such\/module\.ts/);
  });
});

describe('the module contract', () => {
  it('rejects a factory whose result is not an Implementation, naming what is wrong', async () => {
    const dir = await fs.mkdtemp(path.join(outDir, 'module-'));
    const file = path.join(dir, 'bad.js');
    await fs.writeFile(file, "exports.createImplementation = () => ({ name: 'x', version: '1', runtime: 'r', capabilities: new Set(['warp-drive']), runScenario() {}, close() {} });\n");
    await expect(loadImplementationModule(file)).rejects.toThrow(/declares capabilities this harness does not know: warp-drive/);
    await fs.writeFile(path.join(dir, 'default.js'), "exports.default = async () => ({ name: 'd', version: '1', runtime: 'r', capabilities: new Set(['threads']), runScenario() {}, close() {} });\n");
    await expect(loadImplementationModule(path.join(dir, 'default.js'))).resolves.toMatchObject({ name: 'd' });
  });
});
