import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Whatever ends a `conform run` — its end, or an interrupt — no process it started may be left.
 * Every process started by the run inherits a unique environment variable, so the test counts
 * them by reading /proc/<pid>/environ, whichever process group or parent they ended up in.
 */

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'conform.js');

function tagged(tag: string): number[] {
  const needle = `CONFORM_LEAK_TAG=${tag}`;
  const found: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      if (fs.readFileSync(`/proc/${name}/environ`, 'utf8').split('\0').includes(needle)) found.push(Number(name));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (condition()) return true;
    await delay(100);
  }
  return condition();
}

function startRun(tag: string, claims: string[], out: string): { child: ChildProcess; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, 'run', '--claims', ...claims, '--out', out], {
    cwd: ROOT,
    env: { ...process.env, CONFORM_LEAK_TAG: tag },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exit };
}

// Linux only (it reads /proc), as the suite is.
describe('no process is left behind', () => {
  let out: string;
  const tags: string[] = [];

  beforeEach(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'conform-leak-'));
  });

  afterEach(() => {
    // Whatever a failed assertion left, this test must not leave it for the next ones.
    for (const tag of tags) for (const pid of tagged(tag)) process.kill(pid, 'SIGKILL');
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('after a run of process and program claims', async () => {
    const tag = randomUUID();
    tags.push(tag);
    const { exit } = startRun(tag, ['process.daemon-ends-with-main-code', 'producer-consumer.first-version-never-ends', 'lock.processes-serialised'], out);
    expect(await exit).toBe(0);
    expect(await until(() => tagged(tag).length === 0, 5_000)).toBe(true);
  }, 180_000);

  it('after a run interrupted with SIGINT while actors and a program run', async () => {
    const tag = randomUUID();
    tags.push(tag);
    const { child, exit } = startRun(tag, ['producer-consumer.first-version-never-ends', 'producer-consumer.passed-queue-is-the-same'], out);
    // The CLI, its actor host and the program with its six processes: well under way.
    const running = await until(() => tagged(tag).length >= 6, 90_000);
    child.kill('SIGINT');
    expect(running).toBe(true);
    expect(await exit).toBe(130);
    expect(await until(() => tagged(tag).length === 0, 5_000)).toBe(true);
  }, 180_000);
});
