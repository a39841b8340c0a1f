import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import { pythonCommand } from '../../harness/adapters/process/adapter-commands';
import { validateAdapterMessage, validateHarnessMessage } from '../../harness/adapters/process/message-validation';
import { liveProcessGroups } from '../../harness/adapters/process/process-group';
import { ProcessImplementation } from '../../harness/adapters/process/process-implementation';
import type { AdapterMessage, HarnessMessage, ResultMessage } from '../../harness/adapters/process/protocol';
import type { HistoryEvent } from '../../harness/scenario/history';
import type { Actor, ObjectDecl, Op, Scenario } from '../../harness/scenario/model';
import { SOCKET_OP_NAMES } from '../../harness/scenario/socket-signatures';
import { validateScenario } from '../../harness/scenario/validate';

/**
 * The socket part of the scenario model on CPython (adapters/python/conform_driver: socket_ops,
 * selector_ops, declared_sockets), spoken to line by line: CPython's own return values, labels
 * and errors; declared sockets every actor can address; a blocked accept ended by the deadline;
 * and no file descriptor left open in the driver once a scenario is over.
 */

jest.setTimeout(60_000);

/** A driver kept running between requests, so that its file descriptors can be counted in between. */
class Driver {
  readonly messages: AdapterMessage[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcessWithoutNullStreams;
  private buffered = '';
  private stderr = '';
  private waiters: (() => void)[] = [];

  constructor() {
    const command = pythonCommand();
    this.child = spawn(command.file, [...command.args], { env: command.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString('utf8')));
    this.child.stdout.on('data', (d: Buffer) => {
      this.buffered += d.toString('utf8');
      const lines = this.buffered.split('\n');
      this.buffered = lines.pop()!;
      for (const line of lines.filter((l) => l !== '')) {
        const checked = validateAdapterMessage(JSON.parse(line));
        if (!checked.ok) throw new Error(`invalid message from the driver: ${checked.problem}: ${line}`);
        this.messages.push(checked.message);
      }
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  send(message: HarnessMessage): void {
    expect(validateHarnessMessage(message)).toMatchObject({ ok: true });
    this.sendUnchecked(message);
  }

  /** A message the harness itself would refuse to send (to see the driver refuse it too). */
  sendUnchecked(message: unknown): void {
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  /** Waits (bounded) for a message that satisfies `match`. */
  async next<T extends AdapterMessage>(match: (m: AdapterMessage) => m is T, timeoutMs = 15_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found !== undefined) return found;
      if (Date.now() > until) throw new Error(`no such message within ${timeoutMs} ms; got ${JSON.stringify(this.messages)}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100).unref();
      });
    }
  }

  async run(id: string, s: Scenario, deadlineMs = s.deadlineMs): Promise<ResultMessage> {
    this.send({ type: 'run', id, scenario: s, deadlineMs });
    return this.next((m): m is ResultMessage => m.type === 'result' && m.id === id);
  }

  events(id: string): HistoryEvent[] {
    return this.messages.flatMap((m) => (m.type === 'event' && m.id === id ? [m.event] : []));
  }

  /** The driver's open file descriptors, with what each refers to (socket:[…], anon_inode:[eventpoll], …). */
  openFiles(): string[] {
    const dir = `/proc/${this.pid}/fd`;
    return fs
      .readdirSync(dir)
      .map((fd) => {
        try {
          return fs.readlinkSync(`${dir}/${fd}`);
        } catch {
          return 'gone'; // the fd listing itself, closed while reading
        }
      })
      .filter((target) => target !== 'gone')
      .sort();
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) {
      this.child.stdin.end();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
      const code = await this.exited;
      clearTimeout(timer);
      return code;
    }
    return this.child.exitCode;
  }
}

function scenario(objects: Record<string, ObjectDecl>, actors: Actor[], deadlineMs = 5_000): Scenario {
  const s: Scenario = { version: 1, name: 'socket driver test', timeUnitMs: 10, deadlineMs, objects, actors };
  // Every scenario here is one the harness would send.
  const checked = validateScenario(s);
  if (!checked.ok) throw new Error(`invalid test scenario: ${JSON.stringify(checked.issues)}`);
  return s;
}

const thread = (name: string, ops: Op[], extra: Partial<Actor> = {}): Actor => ({ name, kind: 'thread', ops, ...extra });

/** `actor f outcome value-or-error` for each completion of `actor`. */
const completions = (events: HistoryEvent[], actor: string) =>
  events.filter((e) => e.actor === actor && e.type !== 'invoke').map((e) => `${e.f} ${e.type} ${e.type === 'fail' ? `${e.error}: ${e.message}` : JSON.stringify(e.value)}`);

let driver: Driver;

beforeEach(() => {
  driver = new Driver();
});

afterEach(async () => {
  await driver.stop();
});

describe("the CPython driver's sockets", () => {
  it('announces the socket capabilities and knows every socket op of the model', async () => {
    const hello = await driver.next((m): m is Extract<AdapterMessage, { type: 'hello' }> => m.type === 'hello');
    expect(hello.capabilities).toEqual(expect.arrayContaining(['tcp', 'udp', 'select', 'unix-sockets', 'reuseaddr-control']));
    // One op of each socket signature, all in one valid scenario: the driver accepts them all.
    const result = await driver.run(
      'all-ops',
      scenario({ u: { type: 'udp-socket' } }, [
        thread('t', [
          { op: 'socket', into: 's' },
          { op: 'bind', target: 's', address: ['127.0.0.1', 0] },
          { op: 'listen', target: 's', backlog: 1 },
          { op: 'setblocking', target: 's', flag: false },
          { op: 'accept', target: 's', into: 'conn', addressInto: 'peer' },
          { op: 'connect', target: 'u', address: { of: 'u' } },
          { op: 'send', target: 'u', data: 'a' },
          { op: 'sendall', target: 'u', data: { base64: 'Yg==' } },
          { op: 'sendto', target: 'u', data: { fill: 'c', size: 2 }, address: { of: 'u' } },
          { op: 'recv', target: 'u', n: 10, into: 'r' },
          { op: 'recvfrom', target: 'u', n: 10, into: 'r2', addressInto: 'from', as: 'length' },
          { op: 'getblocking', target: 's' },
          { op: 'settimeout', target: 'u', timeout: 2 },
          { op: 'gettimeout', target: 'u' },
          { op: 'setsockopt', target: 's', option: 'SO_REUSEADDR', value: 1 },
          { op: 'getsockopt', target: 's', option: 'SO_REUSEADDR' },
          { op: 'getsockname', target: 'u', into: 'me' },
          { op: 'getpeername', target: 'u', into: 'them' },
          { op: 'socket_info', target: 'u' },
          { op: 'select', rlist: ['u'], wlist: ['u'], xlist: [], timeout: 0 },
          { op: 'selector', into: 'sel', kind: 'select' },
          { op: 'register', target: 'sel', fileobj: 's', events: ['read'], data: 'x' },
          { op: 'modify', target: 'sel', fileobj: 's', events: ['read', 'write'], data: 'y' },
          { op: 'selector_select', target: 'sel', timeout: 0 },
          { op: 'unregister', target: 'sel', fileobj: 's' },
          { op: 'shutdown', target: 'u', how: 'SHUT_RDWR' },
          { op: 'close', target: 's' },
        ]),
      ]),
    );
    expect(result.status).toBe('completed');
    const ops = driver.events('all-ops').filter((e) => e.type === 'invoke').map((e) => e.f);
    expect(new Set(ops)).toEqual(new Set(SOCKET_OP_NAMES));
    expect(completions(driver.events('all-ops'), 't')).toEqual([
      'socket ok "s"',
      'bind ok null',
      'listen ok null',
      'setblocking ok null',
      'accept fail BlockingIOError: [Errno 11] Resource temporarily unavailable',
      'connect ok null',
      'send ok 1',
      'sendall ok null',
      'sendto ok 2',
      'recv ok "a"',
      expect.stringMatching(/^recvfrom ok \[1,\["127\.0\.0\.1",\d+\]\]$/),
      'getblocking ok false',
      'settimeout ok null',
      'gettimeout ok 2',
      'setsockopt ok null',
      'getsockopt ok 1',
      expect.stringMatching(/^getsockname ok \["127\.0\.0\.1",\d+\]$/),
      expect.stringMatching(/^getpeername ok \["127\.0\.0\.1",\d+\]$/),
      'socket_info ok {"family":"AF_INET","type":"SOCK_DGRAM"}',
      'select ok [["u"],["u"],[]]',
      'selector ok null',
      'register ok {"fileobj":"s","events":1,"data":"x"}',
      'modify ok {"fileobj":"s","events":3,"data":"y"}',
      'selector_select ok []',
      'unregister ok {"fileobj":"s","events":3,"data":"y"}',
      'shutdown ok null',
      'close ok null',
    ]);
  });

  it('serves TCP on a declared listener: labels per register, bytes forms, registers and timeouts in units', async () => {
    const s = scenario({ srv: { type: 'tcp-listener' } }, [
      thread('server', [
        { op: 'accept', target: 'srv', into: 'conn', addressInto: 'peer' },
        { op: 'recv', target: 'conn', n: 1024, into: 'data' },
        { op: 'sendall', target: 'conn', data: { reg: 'data', upper: true } },
        { op: 'recv', target: 'conn', n: 3 },
        { op: 'accept', target: 'srv', into: 'conn' },
        { op: 'recv', target: 'conn', n: 1024, as: 'length' },
        { op: 'socket_info', target: 'conn' },
        { op: 'gettimeout', target: 'conn' },
        { op: 'settimeout', target: 'conn', timeout: 3 },
        { op: 'gettimeout', target: 'conn' },
        { op: 'recv', target: 'conn', n: 1024 },
        { op: 'close', target: 'conn' },
      ]),
      thread('one', [
        { op: 'socket', into: 'c' },
        { op: 'connect', target: 'c', address: { of: 'srv' } },
        { op: 'sendall', target: 'c', data: 'hello' },
        { op: 'recv', target: 'c', n: 1024 },
        { op: 'sendall', target: 'c', data: { base64: 'AP8A' } },
        { op: 'close', target: 'c' },
      ]),
      thread('two', [
        { op: 'sleep', units: 5 },
        { op: 'socket', into: 'c' },
        { op: 'connect', target: 'c', address: { of: 'srv' } },
        { op: 'sendall', target: 'c', data: { fill: 'ab', size: 5 } },
        { op: 'sleep', units: 2 },
        { op: 'shutdown', target: 'c', how: 'SHUT_WR' },
        { op: 'sleep', units: 10 },
      ]),
    ]);
    const result = await driver.run('tcp', s);
    expect(result).toMatchObject({ status: 'completed', unfinished: [] });
    const events = driver.events('tcp');
    expect(completions(events, 'server')).toEqual([
      expect.stringMatching(/^accept ok \["conn",\["127\.0\.0\.1",\d+\]\]$/),
      'recv ok "hello"',
      'sendall ok null',
      'recv ok {"base64":"AP8A"}',
      expect.stringMatching(/^accept ok \["conn#2",\["127\.0\.0\.1",\d+\]\]$/),
      'recv ok 5',
      'socket_info ok {"family":"AF_INET","type":"SOCK_STREAM"}',
      'gettimeout ok null',
      'settimeout ok null',
      'gettimeout ok 3',
      'recv ok ""',
      'close ok null',
    ]);
    expect(completions(events, 'one')).toContain('recv ok "HELLO"');
    // The history names the second connection by its label, the first by its register.
    const targets = events.filter((e) => e.actor === 'server' && e.type === 'invoke' && e.f === 'recv').map((e) => e.target);
    expect(targets).toEqual(['conn', 'conn', 'conn#2', 'conn#2']);
  });

  it("raises CPython's own errors, by class name with str(e)", async () => {
    const s = scenario({ srv: { type: 'tcp-listener' } }, [
      thread('t', [
        { op: 'socket', into: 'gone' },
        { op: 'bind', target: 'gone', address: ['127.0.0.1', 0] },
        { op: 'getsockname', target: 'gone', into: 'nobody' },
        { op: 'close', target: 'gone' },
        { op: 'socket', into: 's' },
        { op: 'bind', target: 's', address: ['127.0.0.1', 65536] },
        { op: 'connect', target: 's', address: { reg: 'nobody' } },
        { op: 'send', target: 's', data: 'x' },
        { op: 'recv', target: 'gone', n: 1 },
        { op: 'selector', into: 'sel' },
        { op: 'register', target: 'sel', fileobj: 'srv', events: ['read'], data: 'accept' },
        { op: 'register', target: 'sel', fileobj: 'srv', events: ['read'] },
        { op: 'unregister', target: 'sel', fileobj: 'srv' },
        { op: 'unregister', target: 'sel', fileobj: 'srv' },
        { op: 'select', rlist: ['srv'], timeout: -1 },
        { op: 'sendall', target: 'srv', data: { reg: 'nobody' } },
      ]),
    ]);
    const result = await driver.run('errors', s);
    expect(result.status).toBe('completed');
    expect(completions(driver.events('errors'), 't').slice(4)).toEqual([
      'socket ok "s"',
      'bind fail OverflowError: bind(): port must be 0-65535.',
      'connect fail ConnectionRefusedError: [Errno 111] Connection refused',
      'send fail BrokenPipeError: [Errno 32] Broken pipe',
      'recv fail OSError: [Errno 9] Bad file descriptor',
      'selector ok null',
      'register ok {"fileobj":"srv","events":1,"data":"accept"}',
      expect.stringMatching(/^register fail KeyError: .* is already registered/),
      'unregister ok {"fileobj":"srv","events":1,"data":"accept"}',
      expect.stringMatching(/^unregister fail KeyError: .* is not registered/),
      'select fail ValueError: timeout must be non-negative',
      expect.stringMatching(/^sendall fail TypeError: a bytes-like object is required, not \['127\.0\.0\.1', \d+\]$/),
    ]);
  });

  it('runs UDP and AF_UNIX, and dispatches selector_select handlers with `when`', async () => {
    const s = scenario({ u: { type: 'udp-socket' }, ux: { type: 'unix-listener' } }, [
      thread('receiver', [
        { op: 'recvfrom', target: 'u', n: 4, into: 'd', addressInto: 'from' },
        { op: 'sendto', target: 'u', data: { reg: 'd', upper: true }, address: { reg: 'from' } },
      ]),
      thread('sender', [
        { op: 'socket', into: 's', type: 'dgram' },
        { op: 'sendto', target: 's', data: '0123456789', address: { of: 'u' } },
        { op: 'recvfrom', target: 's', n: 1024 },
      ]),
      thread('server', [
        { op: 'selector', into: 'sel' },
        { op: 'register', target: 'sel', fileobj: 'ux', events: ['read'], data: 'accept' },
        {
          op: 'selector_select',
          target: 'sel',
          into: 'key',
          handlers: {
            accept: [
              { op: 'accept', target: 'key', into: 'conn' },
              { op: 'recv', target: 'conn', n: 1024, into: 'm' },
              { op: 'when', value: { reg: 'm' }, equals: 'ping', then: [{ op: 'sendall', target: 'conn', data: 'pong' }], else: [{ op: 'sendall', target: 'conn', data: 'huh' }] },
            ],
          },
        },
      ]),
      thread('client', [
        { op: 'socket', into: 'c', family: 'unix' },
        { op: 'connect', target: 'c', address: { of: 'ux' } },
        { op: 'socket_info', target: 'c' },
        { op: 'sendall', target: 'c', data: 'ping' },
        { op: 'recv', target: 'c', n: 1024 },
        { op: 'getpeername', target: 'c' },
      ]),
    ]);
    const result = await driver.run('udp-unix', s);
    expect(result).toMatchObject({ status: 'completed', unfinished: [] });
    const events = driver.events('udp-unix');
    expect(completions(events, 'receiver')[0]).toMatch(/^recvfrom ok \["0123",\["127\.0\.0\.1",\d+\]\]$/);
    expect(completions(events, 'sender')[2]).toMatch(/^recvfrom ok \["0123",\["127\.0\.0\.1",\d+\]\]$/);
    const server = events.filter((e) => e.actor === 'server' && e.type === 'ok');
    expect(server.map((e) => [e.f, e.path])).toEqual([
      ['selector', [0]],
      ['register', [1]],
      ['selector_select', [2]],
      ['accept', [2, 0, 0]],
      ['recv', [2, 0, 1]],
      ['sendall', [2, 0, 2, 0, 0]],
    ]);
    expect(server[2].value).toEqual([[{ fileobj: 'ux', events: 1, data: 'accept' }, 1]]);
    expect(server[3].value).toEqual(['conn', '']);
    const client = completions(events, 'client');
    expect(client[2]).toBe('socket_info ok {"family":"AF_UNIX","type":"SOCK_STREAM"}');
    expect(client[4]).toBe('recv ok "pong"');
    expect(client[5]).toMatch(/^getpeername ok ".*conform-unix-.*\.sock"$/);
  });

  it('leaves no file descriptor open once a socket scenario is over, and removes the AF_UNIX directory', async () => {
    const probe = scenario({}, [thread('t', [{ op: 'mark', label: 'idle' }])]);
    await driver.run('before', probe);
    const before = driver.openFiles();
    const s = scenario({ srv: { type: 'tcp-listener', reuseaddr: true }, u: { type: 'udp-socket', family: 'inet6' }, ux: { type: 'unix-listener', backlog: 4 } }, [
      thread('server', [
        { op: 'selector', into: 'sel' },
        { op: 'register', target: 'sel', fileobj: 'srv', events: ['read'], data: 'accept' },
        { op: 'selector_select', target: 'sel', into: 'key', handlers: { accept: [{ op: 'accept', target: 'key', into: 'conn' }] } },
        { op: 'recv', target: 'conn', n: 10 },
        { op: 'getsockname', target: 'ux', into: 'path' },
      ]),
      // Sockets it never closes itself: they are closed when its program ends.
      thread('client', [
        { op: 'socket', into: 'c' },
        { op: 'connect', target: 'c', address: { of: 'srv' } },
        { op: 'sendall', target: 'c', data: 'x' },
        { op: 'socket', into: 'v', family: 'inet6', type: 'dgram' },
        { op: 'sendto', target: 'v', data: 'y', address: { of: 'u' } },
        { op: 'socket', into: 'w', family: 'unix' },
        { op: 'connect', target: 'w', address: { of: 'ux' } },
      ]),
    ]);
    const result = await driver.run('sockets', s);
    expect(result).toMatchObject({ status: 'completed', unfinished: [] });
    expect(result.exiting).toBeUndefined();
    const path = driver.events('sockets').find((e) => e.f === 'getsockname' && e.type === 'ok')?.value;
    expect(typeof path).toBe('string');
    expect(fs.existsSync(path as string)).toBe(false);
    const during = driver.openFiles();
    await driver.run('after', probe);
    expect(driver.openFiles()).toEqual(before);
    expect(during).toEqual(before);
  });

  it('ends a run blocked in accept at the deadline: info, `deadline`, and the driver exits by itself', async () => {
    const blocked = scenario({ srv: { type: 'tcp-listener' } }, [thread('server', [{ op: 'accept', target: 'srv', into: 'conn' }])], 300);
    const result = await driver.run('blocked', blocked);
    expect(result).toMatchObject({ status: 'deadline', unfinished: ['server'], exiting: true });
    expect(result.durationMs).toBeGreaterThanOrEqual(300);
    expect(result.durationMs).toBeLessThan(2_000);
    expect(completions(driver.events('blocked'), 'server')).toEqual([expect.stringMatching(/^accept info undefined$/)]);
    const exited = await Promise.race([driver.exited, new Promise<string>((r) => setTimeout(() => r('still running'), 3_000).unref())]);
    expect(exited).toBe(0);
  });

  it('refuses a scenario whose socket fields are wrong, naming each problem, and carries on', async () => {
    const refused = (actor: Actor, objects: Record<string, ObjectDecl> = {}) => ({ version: 1, name: 'bad', timeUnitMs: 10, deadlineMs: 1000, objects, actors: [actor] }) as Scenario;
    const cases: [Scenario, RegExp][] = [
      [refused(thread('t', [{ op: 'socket', into: 's' }, { op: 'connect', target: 's', address: ['10.0.0.1', 80] }])), /ops\[1\]\.address: "10\.0\.0\.1" is not a loopback host/],
      [refused(thread('t', [{ op: 'recv', target: 'nowhere', n: 1 }])), /ops\[0\]\.target: no socket named "nowhere"/],
      [refused(thread('t', [{ op: 'socket', into: 'srv' }]), { srv: { type: 'tcp-listener' } }), /ops\[0\]\.into: "srv" is a declared object/],
      [refused(thread('t', [{ op: 'socket', into: 's' }, { op: 'send', target: 's', data: { base64: 'not base64!' } }])), /ops\[1\]\.data: base64 must be standard, padded base64 text/],
      [refused(thread('t', [{ op: 'socket', into: 's' }, { op: 'recv', target: 's', n: -1 }])), /ops\[1\]\.n: must be an integer from 0 to/],
      [refused(thread('t', []), { srv: { type: 'tcp-listener', family: 'unix' } as unknown as ObjectDecl }), /objects\.srv\.family: must be "inet" or "inet6"/],
      [refused(thread('t', [{ op: 'selector_select', target: 'sel' }])), /ops\[0\]\.target: no selector "sel"/],
    ];
    for (const [i, [bad]] of cases.entries()) driver.sendUnchecked({ type: 'run', id: `bad${i}`, scenario: bad, deadlineMs: 1000 });
    for (const [i, [, problem]] of cases.entries()) {
      const answer = await driver.next((m): m is Extract<AdapterMessage, { type: 'error' }> => m.type === 'error' && m.id === `bad${i}`);
      expect(answer.message).toMatch(/^invalid scenario: /);
      expect(answer.message).toMatch(problem);
      expect(answer.fatal).toBeUndefined();
    }
    const good = await driver.run('good', scenario({}, [thread('t', [{ op: 'socket', into: 's' }, { op: 'close', target: 's' }])]));
    expect(good.status).toBe('completed');
  });
});

describe('the CPython driver behind the harness (ProcessImplementation)', () => {
  it('ends a recv that never returns at the deadline, restarts the driver, and leaves no process behind', async () => {
    const python = await ProcessImplementation.start({ command: pythonCommand() });
    try {
      const stuck = scenario({ srv: { type: 'tcp-listener' } }, [
        thread('server', [{ op: 'accept', target: 'srv', into: 'conn' }, { op: 'recv', target: 'conn', n: 1024 }]),
        // Connected and silent past the deadline (its socket would be closed if its program ended).
        thread('client', [{ op: 'socket', into: 'c' }, { op: 'connect', target: 'c', address: { of: 'srv' } }, { op: 'sleep', units: 200 }]),
      ], 400);
      const started = Date.now();
      const first = await python.runScenario(stuck);
      expect(Date.now() - started).toBeLessThan(4_000);
      expect(first.status).toBe('deadline');
      expect(first.unfinished).toEqual(['server', 'client']);
      expect(first.history.filter((e) => e.type === 'info').map((e) => e.f).sort()).toEqual(['recv', 'sleep']);
      const next = await python.runScenario(scenario({ u: { type: 'udp-socket' } }, [thread('t', [{ op: 'sendto', target: 'u', data: 'me', address: { of: 'u' } }, { op: 'recv', target: 'u', n: 9 }])]));
      expect(next.status).toBe('completed');
      expect(next.history.find((e) => e.f === 'recv' && e.type === 'ok')?.value).toBe('me');
    } finally {
      await python.close();
    }
    expect(liveProcessGroups()).toEqual([]);
  });
});
