// `conform run --target host:port --target-protocol ftp`: the reference FTP server started
// separately, as someone else's server would be, judged as a black box by every ftp.* claim
// through the real CLI, with the credentials given as --target-option.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addUser } from '../../impl/ftp';
import type { RunReport } from '../../harness/runner/report-model';
import { claims } from '../../spec';
import { startServerProcess, type ServerProcess } from './helpers/server-process';
import { expectNoLeaks, snapshot, type ResourceSnapshot } from '../net/helpers/leaks';

const ROOT = path.join(__dirname, '..', '..');

function conform(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(ROOT, 'bin', 'conform.js'), ...args], { cwd: ROOT, env: { ...process.env, CI: 'true' }, timeout: 240_000 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
    );
  });
}

let atStart: ResourceSnapshot;
let dir: string;
let server: ServerProcess;

beforeAll(async () => {
  atStart = snapshot();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'conform-ftp-target-'));
  // The default (production) scrypt cost, as `conform ftp user add` uses.
  await addUser(path.join(dir, 'accounts.json'), 'alice', '1234567');
  await addUser(path.join(dir, 'accounts.json'), 'bob', 'bobs password');
  server = await startServerProcess({ root: path.join(dir, 'root'), accounts: path.join(dir, 'accounts.json') });
});

afterAll(async () => {
  await server?.stop('SIGKILL');
  await fs.rm(dir, { recursive: true, force: true });
  await expectNoLeaks(atStart);
});

it('every ftp claim passes against the reference server given with --target, and says what it could not check', async () => {
  const out = path.join(dir, 'report');
  const target = ['run', '--target', `127.0.0.1:${server.port}`, '--target-protocol', 'ftp', '--format', 'json', '--out', out];
  // A password of digits arrives as a number through --target-option; the probes take it as text.
  const r = await conform([...target, '--target-option', 'user=alice', '--target-option', 'password=1234567', '--target-option', 'user2=bob', '--target-option', 'password2=bobs password', '--target-option', `accountsFile=${path.join(dir, 'accounts.json')}`]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const report = JSON.parse(await fs.readFile(path.join(out, 'report.json'), 'utf8')) as RunReport;
  const ftp = report.claims.filter((c) => c.id.startsWith('ftp.') && claims.find((k) => k.id === c.id)?.check !== undefined);
  expect(ftp.map((c) => [c.id, c.verdict])).toEqual(claims.filter((c) => c.id.startsWith('ftp.') && c.check).map((c) => [c.id, 'pass']));
  expect(ftp.find((c) => c.id === 'ftp.home-directory-jail')!.message).toMatch(/Not checked: symbolic links pointing outside/);
  expect(ftp.find((c) => c.id === 'ftp.encrypted-auth')!.message).not.toMatch(/Not checked/);
  // The echo-upper claims are about another protocol: not applicable to an FTP target.
  expect(report.claims.filter((c) => !c.id.startsWith('ftp.')).every((c) => c.verdict === 'not-applicable')).toBe(true);
  // The probes cleaned up after themselves.
  expect((await fs.readdir(path.join(dir, 'root', 'alice'))).filter((n) => n.startsWith('conform-probe'))).toEqual([]);
}, 240_000);
