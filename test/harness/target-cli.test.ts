import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunReport } from '../../harness/runner/report-model';

// `conform run --target host:port`: CPython's own socketserver (001 §九's server) judged as a
// black box by the server-check claims, through the real CLI.

const ROOT = path.join(__dirname, '..', '..');
const SERVER = path.join(__dirname, 'fixtures', 'echo_upper_socketserver.py');

function conform(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin', 'conform.js'), ...args], { cwd: ROOT, env: { ...process.env, CI: 'true' }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
    );
  });
}

/** Starts the document's server with `serverClass` and resolves with its port. */
function startPythonServer(serverClass: string): Promise<{ port: number; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.CONFORM_PYTHON ?? 'python3', [SERVER, serverClass], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.once('error', reject);
    child.stdout!.once('data', (chunk: Buffer) => resolve({ port: Number(chunk.toString().trim()), child }));
  });
}

let outDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'conform-target-'));
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await fs.rm(outDir, { recursive: true, force: true });
});

async function report(dir: string): Promise<RunReport> {
  return JSON.parse(await fs.readFile(path.join(dir, 'report.json'), 'utf8')) as RunReport;
}

describe('conform run --target', () => {
  it("judges CPython's ThreadingTCPServer concurrent, and runs only server checks without --claims", async () => {
    const { port, child } = await startPythonServer('ThreadingTCPServer');
    children.push(child);
    const out = path.join(outDir, 'threading');
    const { code, stderr } = await conform(['run', '--target', `127.0.0.1:${port}`, '--target-model', 'threading', '--format', 'json', '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const r = await report(out);
    expect(r.implementation.name).toBe(`target 127.0.0.1:${port}`);
    expect(r.claims.length).toBeGreaterThanOrEqual(2);
    const verdicts = Object.fromEntries(r.claims.map((c) => [c.id, c.verdict]));
    expect(verdicts['socketserver.threading-concurrent']).toBe('pass');
    expect(verdicts['socketserver.simple-server-one-at-a-time']).toBe('not-applicable');
    expect(r.claims.every((c) => c.verdict === 'pass' || c.verdict === 'not-applicable')).toBe(true);
  });

  it("fails a claim whose model the target is declared to have but does not: CPython's TCPServer is serial", async () => {
    const { port, child } = await startPythonServer('TCPServer');
    children.push(child);
    const serial = path.join(outDir, 'serial');
    expect((await conform(['run', '--target', `127.0.0.1:${port}`, '--target-model', 'serial', '--claims', 'socketserver.simple-server-one-at-a-time', '--format', 'json', '--out', serial])).code).toBe(0);
    expect((await report(serial)).claims[0]).toMatchObject({ verdict: 'pass' });
    const claimed = path.join(outDir, 'claimed-threading');
    expect((await conform(['run', '--target', `127.0.0.1:${port}`, '--target-model', 'threading', '--claims', 'socketserver.threading-concurrent', '--format', 'json', '--out', claimed])).code).toBe(1);
    expect((await report(claimed)).claims[0]).toMatchObject({ verdict: 'fail', message: expect.stringMatching(/only after the first/) });
  });

  it('refuses, with one line, a target where nothing listens, a non-loopback one, and --target with --impl', async () => {
    const nothing = await conform(['run', '--target', '127.0.0.1:1', '--format', 'json', '--out', path.join(outDir, 'x')]);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/nothing accepts connections at 127\.0\.0\.1:1/);
    const remote = await conform(['run', '--target', '192.0.2.1:80']);
    expect(remote.code).toBe(2);
    expect(remote.stderr).toMatch(/loopback/);
    const both = await conform(['run', '--target', '127.0.0.1:1', '--impl', 'python']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--target and --impl/);
  });
});
