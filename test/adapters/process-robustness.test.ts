import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Claim } from '../../spec/claim';
import { scenarioNameClaim as claim } from './fixtures/scenario-name-catalog';
import { AdapterStartError } from '../../harness/adapters/process/adapter-process';
import { groupMembers, liveProcessGroups } from '../../harness/adapters/process/process-group';
import { ProcessImplementation, type ProcessImplementationOptions } from '../../harness/adapters/process/process-implementation';
import { runClaims } from '../../harness/runner/runner';
import type { ClaimResult, RunReport } from '../../harness/runner/report-model';
import { resolveImplementation } from '../../harness/cli/implementation-registry';

/**
 * The harness against adapters that misbehave (test/adapters/fixtures/fake-adapter.js): one that
 * crashes mid-scenario, hangs, prints garbage, speaks the wrong protocol version, or never
 * answers the handshake. Each time the claim in question gets `error` with a message that says
 * what happened and ends with the adapter's stderr, the run goes on to the next claim (with a
 * restarted adapter), and afterwards not one process the adapters started is still running.
 */

const FAKE_ADAPTER = path.join(__dirname, 'fixtures', 'fake-adapter.js');
let stateDir: string;

beforeEach(() => {
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conform-fake-adapter-'));
});

afterEach(() => {
  fs.rmSync(stateDir, { recursive: true, force: true });
});

function fakeOptions(modes: string, extra: Partial<ProcessImplementationOptions> = {}): ProcessImplementationOptions {
  return {
    command: { file: process.execPath, args: [FAKE_ADAPTER, stateDir, modes], display: `fake-adapter ${modes}` },
    // Generous where a healthy adapter must answer (a loaded CI machine); tests of silence shorten it.
    handshakeTimeoutMs: 10_000,
    replyGraceMs: 1_000,
    exitGraceMs: 1_000,
    ...extra,
  };
}

/** Every pid the fake adapters wrote down, by role. */
function recordedPids(): { role: string; pid: number }[] {
  const file = path.join(stateDir, 'pids');
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [role, pid] = line.split(' ');
      return { role, pid: Number(pid) };
    });
}

/** Running means present and not a zombie (a killed grandchild may wait forever for init to reap it). */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

function expectNothingLeft(): void {
  const pids = recordedPids();
  expect(pids.length).toBeGreaterThan(0);
  expect(pids.filter(({ pid }) => running(pid))).toEqual([]);
  for (const { role, pid } of pids) if (role === 'adapter') expect(groupMembers(pid) ?? []).toEqual([]);
  expect(liveProcessGroups()).toEqual([]);
}

async function run(impl: ProcessImplementation, claims: Claim[]): Promise<RunReport> {
  try {
    return await runClaims({ implementation: impl, claims, seed: 1 });
  } finally {
    await impl.close();
  }
}

function verdicts(report: RunReport): string[] {
  return report.claims.map((c) => `${c.id}: ${c.verdict}`);
}

function resultOf(report: RunReport, id: string): ClaimResult {
  return report.claims.find((c) => c.id === id)!;
}

describe('an out-of-process adapter that misbehaves', () => {
  it('crashes mid-scenario: that claim errors with the exit code and stderr, the next runs on a restarted adapter', async () => {
    const impl = await ProcessImplementation.start(fakeOptions('ok'));
    const report = await run(impl, [claim('x.before', 'fine'), claim('x.crash', 'crash here'), claim('x.after', 'fine again')]);
    expect(report.complete).toBe(true);
    expect(verdicts(report)).toEqual(['x.before: pass', 'x.crash: error', 'x.after: pass']);
    const crash = resultOf(report, 'x.crash');
    expect(crash.message).toMatch(/the adapter exited with code 3 in the middle of the run/);
    expect(crash.message).toMatch(/adapter stderr \(last lines\):\n.*\| fake adapter: crashing on purpose in "crash here"/s);
    // What was recorded before the crash is kept, its pending invocation completed as info.
    expect(JSON.stringify(crash.evidence)).toMatch(/"type":"info"/);
    expect(recordedPids().filter((p) => p.role === 'adapter')).toHaveLength(2);
    expectNothingLeft();
  });

  it('hangs: killed with its whole process group (grandchild included) after deadline + grace', async () => {
    const impl = await ProcessImplementation.start(fakeOptions('ok'));
    const report = await run(impl, [claim('x.hang', 'hang forever'), claim('x.after', 'fine')]);
    expect(verdicts(report)).toEqual(['x.hang: error', 'x.after: pass']);
    const hang = resultOf(report, 'x.hang');
    expect(hang.message).toMatch(/did not answer within 2500 ms \(deadline 1500 ms \+ 1000 ms grace\); its process group was killed/);
    expect(hang.message).toMatch(/\| fake adapter: hanging in "hang forever"/);
    expect(recordedPids().map((p) => p.role)).toEqual(['adapter', 'grandchild', 'adapter']);
    expectNothingLeft();
  });

  it('prints garbage: the line is quoted in the error, the adapter is replaced', async () => {
    const impl = await ProcessImplementation.start(fakeOptions('ok'));
    const report = await run(impl, [claim('x.garbage', 'garbage out'), claim('x.after', 'fine')]);
    expect(verdicts(report)).toEqual(['x.garbage: error', 'x.after: pass']);
    const garbage = resultOf(report, 'x.garbage');
    expect(garbage.message).toMatch(/wrote a line that is not JSON: "Traceback \(most recent call last\): this is not a protocol message"/);
    expect(garbage.message).toMatch(/\| fake adapter: about to print garbage/);
    expectNothingLeft();
  });

  it('speaks the wrong protocol version when restarted: that claim errors, a later restart recovers', async () => {
    const impl = await ProcessImplementation.start(fakeOptions('ok,wrong-version,ok'));
    const report = await run(impl, [claim('x.crash', 'crash'), claim('x.version', 'fine'), claim('x.after', 'fine')]);
    expect(verdicts(report)).toEqual(['x.crash: error', 'x.version: error', 'x.after: pass']);
    const version = resultOf(report, 'x.version');
    expect(version.message).toMatch(/restarting the adapter failed: .*failed the handshake: it speaks protocol version 99; this harness speaks version 1/);
    expect(version.message).toMatch(/\| fake adapter: speaking protocol 99/);
    expectNothingLeft();
  });

  it('never answers the handshake when restarted: that claim errors after the handshake timeout', async () => {
    const impl = await ProcessImplementation.start(fakeOptions('ok,no-hello,ok', { handshakeTimeoutMs: 3_000 }));
    const report = await run(impl, [claim('x.crash', 'crash'), claim('x.silent', 'fine'), claim('x.after', 'fine')]);
    expect(verdicts(report)).toEqual(['x.crash: error', 'x.silent: error', 'x.after: pass']);
    const silent = resultOf(report, 'x.silent');
    expect(silent.message).toMatch(/failed the handshake: no hello line within 3000 ms of starting/);
    expect(silent.message).toMatch(/\| fake adapter: not saying hello/);
    expectNothingLeft();
  });

  it('stops restarting an adapter that keeps failing, so a broken adapter cannot stall the run', async () => {
    const impl = await ProcessImplementation.start(fakeOptions('ok,wrong-version', { maxFailedStarts: 2 }));
    const claims = [claim('x.crash', 'crash'), ...[1, 2, 3, 4].map((i) => claim(`x.after${i}`, 'fine'))];
    const report = await run(impl, claims);
    expect(report.summary.error).toBe(5);
    expect(resultOf(report, 'x.after3').message).toMatch(/failed to restart 2 times in a row, so it is not started again/);
    expect(recordedPids().filter((p) => p.role === 'adapter')).toHaveLength(3);
    expectNothingLeft();
  });

  it('fails its first handshake: the implementation cannot be created, and the message says why', async () => {
    for (const [modes, why] of [
      ['wrong-version', /speaks protocol version 99.*\| fake adapter: speaking protocol 99/s],
      ['no-hello', /no hello line within 3000 ms.*\| fake adapter: not saying hello/s],
    ] as const) {
      const failure = await ProcessImplementation.start(fakeOptions(modes, { handshakeTimeoutMs: 3_000 })).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(failure).toBeInstanceOf(AdapterStartError);
      expect((failure as Error).message).toMatch(why);
    }
    expectNothingLeft();
  });

  it('cannot be started at all: `cmd:` reports the shell and its stderr', async () => {
    await expect(resolveImplementation('cmd:/nonexistent/adapter --flag')).rejects.toThrow(/--impl cmd:\/nonexistent\/adapter --flag: .*exited with code 127 before its handshake.*nonexistent/s);
    expect(liveProcessGroups()).toEqual([]);
  });
});
