import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { pythonCommand } from '../../harness/adapters/process/adapter-commands';
import { validateAdapterMessage } from '../../harness/adapters/process/message-validation';
import type { AdapterMessage, ResultMessage } from '../../harness/adapters/process/protocol';
import type { HistoryEvent } from '../../harness/scenario/history';
import type { Actor, Json, ObjectDecl, Scenario } from '../../harness/scenario/model';
import { eventually as until, LEAK_TAG_VARIABLE, taggedProcesses as tagged } from './tagged-processes';

/**
 * The CPython driver's process actors and its `program` op, spoken to directly: actors are real
 * multiprocessing processes sharing multiprocessing objects; whatever ends a run (its end, a
 * deadline, the harness killing the driver's whole group) leaves no process of it behind. Every
 * process the driver starts inherits a unique environment variable, so the tests count them in
 * /proc wherever they ended up (another group, another session, adopted by init).
 */

jest.setTimeout(60_000);

const FIXTURE_PROGRAMS = path.join(__dirname, 'fixtures', 'python-programs');

/** The driver in a process group of its own, as the harness starts it, with a leak tag. */
class Driver {
  readonly tag = randomUUID();
  readonly messages: AdapterMessage[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  private buffered = '';
  stderr = '';

  constructor(env: NodeJS.ProcessEnv = {}) {
    const command = pythonCommand();
    this.child = spawn(command.file, [...command.args], { env: { ...command.env, ...env, [LEAK_TAG_VARIABLE]: this.tag }, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (d: Buffer) => {
      this.buffered += d.toString('utf8');
      const lines = this.buffered.split('\n');
      this.buffered = lines.pop() ?? '';
      for (const line of lines.filter((l) => l !== '')) {
        const checked = validateAdapterMessage(JSON.parse(line));
        if (!checked.ok) throw new Error(`invalid message from the driver: ${checked.problem}: ${line}`);
        this.messages.push(checked.message);
      }
    });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString('utf8')));
  }

  get pid(): number {
    return this.child.pid!;
  }

  run(id: string, scenario: Scenario): void {
    this.child.stdin.write(`${JSON.stringify({ type: 'run', id, scenario, deadlineMs: scenario.deadlineMs })}\n`);
  }

  async result(id: string, timeoutMs = 30_000): Promise<ResultMessage> {
    const found = () => this.messages.find((m): m is ResultMessage => m.type === 'result' && m.id === id);
    if (!(await until(() => found() !== undefined, timeoutMs))) throw new Error(`no result for ${id}; stderr: ${this.stderr}`);
    return found()!;
  }

  events(id: string): HistoryEvent[] {
    return this.messages.flatMap((m) => (m.type === 'event' && m.id === id ? [m.event] : []));
  }

  /** What the harness does at a deadline: SIGKILL to the driver's whole process group. */
  killGroup(): void {
    try {
      process.kill(-this.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }

  async shutdown(): Promise<void> {
    this.child.stdin.end(`${JSON.stringify({ type: 'shutdown' })}\n`);
    if (!(await until(() => this.child.exitCode !== null || this.child.signalCode !== null, 10_000))) this.killGroup();
  }
}

const drivers: Driver[] = [];

function driver(env: NodeJS.ProcessEnv = {}): Driver {
  const d = new Driver(env);
  drivers.push(d);
  return d;
}

afterEach(async () => {
  // Whatever a failed assertion left, it must not stay for the next tests.
  for (const d of drivers.splice(0)) {
    d.killGroup();
    for (const p of tagged(d.tag)) process.kill(p.pid, 'SIGKILL');
  }
});

function scenario(objects: Record<string, ObjectDecl>, actors: Actor[], deadlineMs = 10_000, timeUnitMs = 50): Scenario {
  return { version: 1, name: 'process driver test', timeUnitMs, deadlineMs, objects, actors };
}

const proc = (name: string, ops: Actor['ops'], more: Partial<Actor> = {}): Actor => ({ name, kind: 'process', ops, ...more });

const completions = (events: HistoryEvent[], actor: string) =>
  events.filter((e) => e.actor === actor && e.type !== 'invoke').map((e) => `${e.f} ${e.type} ${e.type === 'fail' ? e.error : e.type === 'ok' ? JSON.stringify(e.value) : ''}`.trim());

/** The driver's scratch directory (where runs keep their programs' files), from its guardian's command line. */
function scratchOf(d: Driver): string {
  const guardian = tagged(d.tag).find((p) => p.cmdline.includes('guardian.py'));
  if (guardian === undefined) throw new Error('the driver has no guardian');
  return guardian.cmdline.trim().split(' ').pop()!;
}

/** The driver and its guardian are all that may outlive a run. */
function leftOver(d: Driver): string[] {
  return tagged(d.tag)
    .filter((p) => p.pid !== d.pid && !p.cmdline.includes('guardian.py'))
    .map((p) => `${p.pid} ${p.cmdline}`);
}

describe('the CPython driver with process actors', () => {
  it('runs each actor in its own process, on multiprocessing objects, with CPython errors and process ops', async () => {
    const d = driver();
    const s = scenario({ r: { type: 'rlock' }, l: { type: 'lock' }, s: { type: 'semaphore' }, q: { type: 'queue', maxsize: 1 }, c: { type: 'cell', initial: 5 }, e: { type: 'event' }, running: { type: 'event' } }, [
      proc('a', [{ op: 'acquire', target: 'r' }, { op: 'set', target: 'e' }, { op: 'sleep', units: 3 }, { op: 'release', target: 'r' }, { op: 'read', target: 'c', into: 'v' }, { op: 'write', target: 'c', value: { reg: 'v', add: -1 } }, { op: 'put', target: 'q', item: { from: 'a' } }]),
      proc('b', [
        { op: 'wait', target: 'e' },
        { op: 'release', target: 'r' },
        { op: 'acquire', target: 'r' },
        { op: 'release', target: 'r' },
        { op: 'get', target: 'q' },
        { op: 'release', target: 's', n: 2 },
        { op: 'release', target: 'l' },
        { op: 'start', actor: 'child' },
        { op: 'wait', target: 'running' },
        { op: 'terminate', actor: 'child' },
        { op: 'join', actor: 'child' },
        { op: 'is_alive', actor: 'child' },
        { op: 'exitcode', actor: 'child' },
        { op: 'start', actor: 'daemon' },
        { op: 'join', actor: 'daemon' },
        { op: 'exitcode', actor: 'daemon' },
      ]),
      proc('child', [{ op: 'set', target: 'running' }, { op: 'sleep', units: 100 }], { start: 'manual' }),
      proc('daemon', [{ op: 'start', actor: 'grandchild' }], { start: 'manual', daemon: true }),
      proc('grandchild', [{ op: 'mark', label: 'never' }], { start: 'manual' }),
    ]);
    d.run('r1', s);
    const result = await d.result('r1');
    expect(result).toMatchObject({ status: 'completed', final: { cells: { c: 4 } }, unfinished: [] });
    expect(result.exiting).toBeUndefined();
    const events = d.events('r1');
    expect(completions(events, 'b')).toEqual([
      'wait ok true',
      'release fail AssertionError',
      'acquire ok true',
      'release ok null',
      'get ok {"from":"a"}',
      'release fail TypeError',
      'release fail ValueError',
      'start ok null',
      'wait ok true',
      'terminate ok null',
      'join ok null',
      'is_alive ok false',
      'exitcode ok -15',
      'start ok null',
      'join ok null',
      'exitcode ok 0',
    ]);
    // b's acquire of the RLock returned only after a, another process, began to release it.
    const released = events.find((e) => e.actor === 'a' && e.f === 'release' && e.type === 'invoke')!;
    const acquired = events.find((e) => e.actor === 'b' && e.f === 'acquire' && e.type === 'ok')!;
    expect(acquired.time).toBeGreaterThanOrEqual(released.time);
    // The terminated child's sleep never completed; the daemon's start was refused by CPython itself.
    // The SIGTERM may land anywhere after the set (even before it was recorded as done, or
    // between two ops): whatever op it cut off is `info`, and the sleep never completed.
    const childEvents = events.filter((e) => e.actor === 'child');
    expect(childEvents.filter((e) => e.type === 'info').every((e) => e.message === 'its process was terminated')).toBe(true);
    expect(childEvents.some((e) => e.f === 'sleep' && e.type === 'ok')).toBe(false);
    expect(events.find((e) => e.actor === 'daemon' && e.type === 'fail')).toMatchObject({ f: 'start', error: 'AssertionError', message: 'daemonic processes are not allowed to have children' });
    expect(events.some((e) => e.actor === 'grandchild')).toBe(false);
    expect(leftOver(d)).toEqual([]);
    await d.shutdown();
    expect(await until(() => tagged(d.tag).length === 0, 5_000)).toBe(true);
  });

  it('kills every process of a run at its deadline, records the blocked ops as info, and serves the next run', async () => {
    const d = driver();
    const deadlock = scenario(
      { l1: { type: 'lock' }, l2: { type: 'lock' }, aHolds: { type: 'event' }, bHolds: { type: 'event' }, never: { type: 'event' } },
      [
        proc('a', [{ op: 'start', actor: 'waiter' }, { op: 'acquire', target: 'l1' }, { op: 'set', target: 'aHolds' }, { op: 'wait', target: 'bHolds' }, { op: 'acquire', target: 'l2' }]),
        proc('b', [{ op: 'acquire', target: 'l2' }, { op: 'set', target: 'bHolds' }, { op: 'wait', target: 'aHolds' }, { op: 'acquire', target: 'l1' }]),
        proc('waiter', [{ op: 'wait', target: 'never' }], { start: 'manual' }),
      ],
      800,
    );
    d.run('r1', deadlock);
    const result = await d.result('r1');
    expect(result).toMatchObject({ status: 'deadline' });
    expect([...result.unfinished].sort()).toEqual(['a', 'b', 'waiter']);
    expect(result.exiting).toBeUndefined();
    const infos = d.events('r1').filter((e) => e.type === 'info').map((e) => `${e.actor} ${e.f}`).sort();
    expect(infos).toEqual(['a acquire', 'b acquire', 'waiter wait']);
    // The result comes only once the run's processes are gone.
    expect(leftOver(d)).toEqual([]);
    d.run('r2', scenario({}, [proc('main', [{ op: 'mark', label: 'again', value: 1 }])]));
    expect(await d.result('r2')).toMatchObject({ status: 'completed' });
    expect(completions(d.events('r2'), 'main')).toEqual(['mark ok 1']);
    await d.shutdown();
    expect(await until(() => tagged(d.tag).length === 0, 5_000)).toBe(true);
  });

  it('kills a program still running at the deadline, with its children', async () => {
    const d = driver({ CONFORM_PYTHON_PROGRAMS: FIXTURE_PROGRAMS });
    d.run('r1', scenario({}, [proc('main', [{ op: 'program', name: 'never-ends' }])], 1_500));
    expect(await d.result('r1')).toMatchObject({ status: 'deadline', unfinished: ['main'] });
    expect(d.events('r1').filter((e) => e.type !== 'invoke').map((e) => `${e.f} ${e.type}`)).toEqual(['program info']);
    expect(leftOver(d)).toEqual([]);
    // The killed actor could not remove the program's files: the driver did, with the run's.
    expect(fs.readdirSync(scratchOf(d))).toEqual([]);
    await d.shutdown();
  });

  it('leaves nothing behind when the harness kills its process group in the middle of a run', async () => {
    const d = driver({ CONFORM_PYTHON_PROGRAMS: FIXTURE_PROGRAMS });
    d.run('r1', scenario({}, [proc('main', [{ op: 'program', name: 'never-ends' }]), proc('other', [{ op: 'sleep', units: 1000 }])], 60_000));
    // The program and its child are running (they are not in the driver's group, nor are the actors).
    expect(await until(() => tagged(d.tag).filter((p) => p.cmdline.includes('never-ends')).length >= 2, 20_000)).toBe(true);
    const scratch = scratchOf(d);
    expect(fs.readdirSync(scratch)).toHaveLength(1);
    d.killGroup();
    expect(await until(() => tagged(d.tag).length === 0, 10_000)).toBe(true);
    expect(fs.existsSync(scratch)).toBe(false);
  });
});

describe('the CPython driver’s program op', () => {
  const programRun = (name: string, timeout?: number, args: { [key: string]: Json } = {}) =>
    scenario({}, [proc('main', [{ op: 'program', name, args, ...(timeout === undefined ? {} : { timeout }) }])], 20_000);

  function transcript(d: Driver, id: string): { [key: string]: Json } {
    const done = d.events(id).find((e) => e.f === 'program' && e.type !== 'invoke');
    expect(done?.type).toBe('ok');
    return (done as { value: { [key: string]: Json } }).value;
  }

  it('counts the processes a program leaves behind, then kills them', async () => {
    const d = driver({ CONFORM_PYTHON_PROGRAMS: FIXTURE_PROGRAMS });
    d.run('r1', programRun('leaves-a-child'));
    expect(await d.result('r1')).toMatchObject({ status: 'completed' });
    const t = transcript(d, 'r1');
    expect(t).toMatchObject({ exitCode: 0, signal: null, timedOut: false, survivors: 1, stdout: 'left a child behind\n' });
    const records = t.records as { event: string; child: number; pid: number; time: number }[];
    expect(records.map((r) => r.event)).toEqual(['parent-exits']);
    expect(records[0].pid).toBe(t.pid);
    expect(tagged(d.tag).some((p) => p.pid === records[0].child)).toBe(false);
    expect(leftOver(d)).toEqual([]);
    await d.shutdown();
  });

  it('ends a program that never ends its timeout after its first record, with the records on the scenario clock', async () => {
    const d = driver({ CONFORM_PYTHON_PROGRAMS: FIXTURE_PROGRAMS });
    d.run('r1', programRun('never-ends', 6));
    expect(await d.result('r1')).toMatchObject({ status: 'completed' });
    const t = transcript(d, 'r1');
    expect(t).toMatchObject({ exitCode: null, signal: 'SIGKILL', timedOut: true, survivors: 0 });
    const ticks = (t.records as { event: string; who: string; time: number }[]).filter((r) => r.event === 'tick' && r.who === 'main');
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    // Six units of 50 ms after the first record (a loaded machine may add to it, never take away).
    expect(ticks[ticks.length - 1].time - ticks[0].time).toBeLessThan(6 * 50 + 50);
    const invoked = d.events('r1').find((e) => e.f === 'program' && e.type === 'invoke')!;
    expect(ticks[0].time).toBeGreaterThan(invoked.time);
    expect(leftOver(d)).toEqual([]);
    await d.shutdown();
  });

  it('fails with NotSupported for a program it does not have', async () => {
    const d = driver();
    d.run('r1', programRun('no-such-program'));
    await d.result('r1');
    expect(d.events('r1').find((e) => e.type === 'fail')).toMatchObject({ f: 'program', error: 'NotSupported', message: 'this implementation has no example program "no-such-program"' });
    await d.shutdown();
  });
});
