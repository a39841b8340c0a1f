// The README's FTP instructions through the real CLI: `conform ftp user add` (password from
// stdin, never an argument), `conform ftp serve`, and `conform ftp client` one command at a time
// and as a shell on stdin; quiet in CI; the progress bar drawn on a terminal.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { progressBar, showsProgress } from '../../harness/cli/ftp-progress';
import { splitWords } from '../../harness/cli/ftp-client';
import { seededBytes } from '../../harness/ftp-probes/seeded-bytes';
import { startServerProcess, type ServerProcess } from './helpers/server-process';
import { expectNoLeaks, snapshot, type ResourceSnapshot } from '../net/helpers/leaks';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'conform.js');

function conform(args: string[], stdin = '', env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, CI: 'true', ...env }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
    );
    child.stdin!.end(stdin);
  });
}

let atStart: ResourceSnapshot;
let dir: string;
let accounts: string;
let server: ServerProcess;
const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  atStart = snapshot();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'conform-ftp-cli-'));
  accounts = path.join(dir, 'accounts.json');
});

afterAll(async () => {
  await server?.stop('SIGKILL');
  await fs.rm(dir, { recursive: true, force: true });
  await expectNoLeaks(atStart);
});

describe('conform ftp user add', () => {
  it('adds a user with the password from stdin, and refuses a second add of the same name', async () => {
    const added = await conform(['ftp', 'user', 'add', 'alice', '--accounts', accounts, '--password-stdin'], `${PASSWORD}\n`);
    expect(added).toMatchObject({ code: 0, stdout: `added user alice in ${accounts}\n` });
    expect(await fs.readFile(accounts, 'utf8')).not.toContain(PASSWORD);
    const again = await conform(['ftp', 'user', 'add', 'alice', '--accounts', accounts, '--password-stdin'], 'other\n');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('without a terminal and without --password-stdin it asks for neither: it refuses', async () => {
    const r = await conform(['ftp', 'user', 'add', 'bob', '--accounts', accounts]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--password-stdin/);
  });

  it('has no option that takes the password on the command line', async () => {
    const r = await conform(['ftp', 'user', 'add', 'bob', '--accounts', accounts, '--password', 'in-history']);
    expect(r.code).not.toBe(0);
    expect(await fs.readFile(accounts, 'utf8')).not.toContain('"bob"');
  });
});

describe('conform ftp serve and conform ftp client', () => {
  beforeAll(async () => {
    server = await startServerProcess({ root: path.join(dir, 'root'), accounts });
  });

  const client = (words: string[], stdin = `${PASSWORD}\n`) => conform(['ftp', 'client', '--port', String(server.port), '--user', 'alice', '--password-stdin', ...words], stdin);

  it('puts and gets a file byte for byte, one command per call, silent on stderr in CI', async () => {
    const local = path.join(dir, 'data.bin');
    const bytes = seededBytes(3, 'cli', 1_500_000);
    await fs.writeFile(local, bytes);
    const put = await client(['put', local, 'data.bin']);
    expect(put).toMatchObject({ code: 0, stderr: '' });
    expect(put.stdout).toMatch(/^put .*data\.bin -> \/data\.bin \(1500000 bytes, sha256 [0-9a-f]{64}\)\n$/);
    const ls = await client(['ls']);
    expect(ls.stdout).toMatch(/^file\s+1500000\s+data\.bin\n$/);
    const back = path.join(dir, 'back.bin');
    const get = await client(['get', 'data.bin', back]);
    expect(get).toMatchObject({ code: 0, stderr: '' });
    expect((await fs.readFile(back)).equals(bytes)).toBe(true);
    // No part file is left next to the download.
    expect((await fs.readdir(dir)).filter((n) => n.includes('conform-part'))).toEqual([]);
  });

  it('runs commands from stdin as a shell: cd carries over, quoted names, a refusal does not stop it', async () => {
    const r = await client([], `${PASSWORD}\nmkdir "my docs"\ncd 'my docs'\npwd\ncd ..\ncd ..\npwd\nls\n`);
    const lines = r.stdout.split('\n');
    // mkdir, cd and pwd each print the directory; the second cd .. is refused.
    expect(lines.slice(0, 5)).toEqual(['/my docs', '/my docs', '/my docs', '/', '/']);
    expect(lines.slice(5)).toEqual([expect.stringMatching(/^file\s+1500000\s+data\.bin$/), expect.stringMatching(/^dir\s+\d+\s+my docs$/), '']);
    expect(r.stderr).toMatch(/outside-home/);
    expect(r.code).toBe(1);
  });

  it('a wrong password fails with the server\'s refusal and exit code 1', async () => {
    const r = await client(['pwd'], 'wrong\n');
    expect(r).toMatchObject({ code: 1, stderr: 'conform ftp: auth-failed: unknown user or wrong password\n' });
  });

  it('an unknown command is a usage error (exit code 2)', async () => {
    const r = await client(['rmrf', '/']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command "rmrf"/);
  });
});

describe('the progress bar', () => {
  const tty = () => Object.assign(new PassThrough(), { isTTY: true, columns: 100 });

  it('is drawn on a terminal, ending at 100%', () => {
    const stream = tty();
    let out = '';
    stream.on('data', (c: Buffer) => (out += c.toString()));
    const bar = progressBar(stream as unknown as NodeJS.WriteStream, {});
    for (const transferred of [0, 400, 800, 1000]) bar.onProgress({ direction: 'upload', path: '/a.bin', transferred, total: 1000, startedAt: 0, attempt: 1 });
    bar.stop();
    expect(out).toMatch(/put \/a\.bin .*100% \| 1000\/1000 bytes/);
  });

  it('is quiet when CI=true or when stderr is not a terminal', () => {
    expect(showsProgress({ isTTY: true }, { CI: 'true' })).toBe(false);
    expect(showsProgress({ isTTY: false }, {})).toBe(false);
    expect(showsProgress({}, {})).toBe(false);
    expect(showsProgress({ isTTY: true }, {})).toBe(true);
    const stream = tty();
    let out = '';
    stream.on('data', (c: Buffer) => (out += c.toString()));
    const bar = progressBar(stream as unknown as NodeJS.WriteStream, { CI: 'true' });
    bar.onProgress({ direction: 'download', path: '/a.bin', transferred: 10, total: 10, startedAt: 0, attempt: 1 });
    bar.stop();
    expect(out).toBe('');
  });
});

describe('the client splits words itself (no shell)', () => {
  it.each([
    ['put a.txt b.txt', ['put', 'a.txt', 'b.txt']],
    ['cd "my docs"', ['cd', 'my docs']],
    ["put 'it''s' x", ['put', 'its', 'x']],
    ['put a\\ b c', ['put', 'a b', 'c']],
    ['get "$(rm -rf /)"', ['get', '$(rm -rf /)']],
    ['  ls  ', ['ls']],
    ['mkdir ""', ['mkdir', '']],
  ])('%j → %j', (line, words) => {
    expect(splitWords(line)).toEqual(words);
  });

  it('refuses an unclosed quote', () => {
    expect(() => splitWords('cd "docs')).toThrow(/unclosed/);
  });
});
