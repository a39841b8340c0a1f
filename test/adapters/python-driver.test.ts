import { execFileSync, spawn } from 'node:child_process';
import * as path from 'node:path';
import { OBJECT_FIELDS, OP_SIGNATURES } from '../../harness/scenario/op-signatures';
import { SOCKET_OP_NAMES } from '../../harness/scenario/socket-signatures';
import { pythonCommand } from '../../harness/adapters/process/adapter-commands';
import { validateAdapterMessage, validateHarnessMessage } from '../../harness/adapters/process/message-validation';
import type { AdapterMessage, HarnessMessage, ResultMessage } from '../../harness/adapters/process/protocol';
import type { HistoryEvent } from '../../harness/scenario/history';
import type { Actor, ObjectDecl, Scenario } from '../../harness/scenario/model';

/**
 * adapters/python/driver.py spoken to directly, line by line: what it sends must validate
 * against docs/adapter-protocol.schema.json, it must refuse what it cannot run (and carry on),
 * give up on what is not the protocol, and report CPython's own behaviour — including the parts
 * a thread cannot undo (a deadlock, a blocked daemon) by recording `info` and exiting.
 */

interface Session {
  messages: AdapterMessage[];
  code: number | null;
  stderr: string;
}

/** Runs the driver on `lines`, closing stdin after them; bounded by `timeoutMs`. */
function talk(lines: (HarnessMessage | string)[], timeoutMs = 15_000): Promise<Session> {
  const command = pythonCommand();
  return new Promise((resolve, reject) => {
    const child = spawn(command.file, [...command.args], { env: command.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the driver did not finish within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const messages = stdout
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => {
          const checked = validateAdapterMessage(JSON.parse(l));
          if (!checked.ok) throw new Error(`invalid message from the driver: ${checked.problem}: ${l}`);
          return checked.message;
        });
      resolve({ messages, code, stderr });
    });
    for (const line of lines) {
      if (typeof line !== 'string') expect(validateHarnessMessage(line)).toMatchObject({ ok: true });
      child.stdin.write(`${typeof line === 'string' ? line : JSON.stringify(line)}\n`);
    }
    child.stdin.end();
  });
}

function scenario(objects: Record<string, ObjectDecl>, actors: Actor[], deadlineMs = 3_000): Scenario {
  return { version: 1, name: 'driver test', timeUnitMs: 10, deadlineMs, objects, actors };
}

const run = (id: string, s: Scenario, deadlineMs = s.deadlineMs): HarnessMessage => ({ type: 'run', id, scenario: s, deadlineMs });

function eventsOf(session: Session, id: string): HistoryEvent[] {
  return session.messages.flatMap((m) => (m.type === 'event' && m.id === id ? [m.event] : []));
}

function resultOf(session: Session, id: string): ResultMessage {
  const result = session.messages.find((m): m is ResultMessage => m.type === 'result' && m.id === id);
  if (result === undefined) throw new Error(`no result for ${id}: ${JSON.stringify(session.messages)}`);
  return result;
}

const completions = (events: HistoryEvent[]) => events.filter((e) => e.type !== 'invoke').map((e) => `${e.actor} ${e.f} ${e.type} ${e.type === 'fail' ? e.error : JSON.stringify(e.value)}`);

describe('the CPython driver', () => {
  it('says hello first: protocol 1, scenario model 1, CPython and its capabilities', async () => {
    const session = await talk([]);
    expect(session.messages).toHaveLength(1);
    expect(session.messages[0]).toMatchObject({ type: 'hello', protocol: 1, name: 'python', scenarioModels: [1] });
    const hello = session.messages[0] as Extract<AdapterMessage, { type: 'hello' }>;
    expect(hello.runtime).toMatch(/^CPython 3\./);
    expect(hello.capabilities).toEqual(expect.arrayContaining(['threads', 'lock', 'priority-queue', 'cell', 'gil']));
    expect(session.code).toBe(0);
  });

  it('offers greenlet and gevent exactly when its interpreter can import them', async () => {
    const command = pythonCommand();
    const imports = (module: string): boolean => {
      try {
        execFileSync(command.file, ['-c', `import ${module}`], { stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    };
    const hello = (await talk([])).messages[0] as Extract<AdapterMessage, { type: 'hello' }>;
    expect(hello.capabilities).toContain('coroutines');
    expect(hello.capabilities.includes('greenlet')).toBe(imports('greenlet'));
    expect(hello.capabilities.includes('gevent')).toBe(imports('gevent'));
  });

  it('refuses an invalid or unsupported scenario for that request only, and goes on', async () => {
    const bad = { ...scenario({}, [{ name: 'a', kind: 'thread', ops: [] }]), actors: [{ name: 'a', kind: 'thread', ops: [{ op: 'fly', target: 'x' }] }] };
    const taskActor = scenario({}, [{ name: 'p', kind: 'task', ops: [] }]);
    const good = scenario({}, [{ name: 'a', kind: 'thread', ops: [{ op: 'mark', label: 'ok', value: 1 }] }]);
    const session = await talk([
      `{"type":"run","id":"r1","deadlineMs":1000,"scenario":${JSON.stringify(bad)}}`,
      run('r2', taskActor),
      run('r3', good),
      { type: 'shutdown' },
    ]);
    expect(session.messages.slice(1, 3)).toEqual([
      { type: 'error', id: 'r1', message: expect.stringMatching(/^invalid scenario: actors\[0\]\.ops\[0\]: must be an operation/) },
      { type: 'error', id: 'r2', message: 'unsupported scenario: actor "p" is a task; this driver runs thread and process actors' },
    ]);
    expect(resultOf(session, 'r3')).toMatchObject({ status: 'completed', unfinished: [] });
    expect(completions(eventsOf(session, 'r3'))).toEqual(['a mark ok 1']);
    expect(session.code).toBe(0);
  });

  it('gives up on a line that is not the protocol, with a fatal error', async () => {
    const session = await talk(['this is not json', run('r1', scenario({}, [{ name: 'a', kind: 'thread', ops: [] }]))]);
    expect(session.messages[1]).toMatchObject({ type: 'error', fatal: true, message: expect.stringMatching(/not JSON/) });
    expect(session.messages).toHaveLength(2);
    expect(session.code).toBe(2);
  });

  it('records a self-deadlock as info at the deadline, reports `deadline` and exits', async () => {
    const deadlock = scenario({ l: { type: 'lock' } }, [{ name: 'a', kind: 'thread', ops: [{ op: 'acquire', target: 'l' }, { op: 'acquire', target: 'l' }] }]);
    const session = await talk([run('r1', deadlock, 300), run('r2', deadlock)]);
    const result = resultOf(session, 'r1');
    expect(result).toMatchObject({ status: 'deadline', unfinished: ['a'], exiting: true });
    expect(result.durationMs).toBeGreaterThanOrEqual(300);
    expect(completions(eventsOf(session, 'r1'))).toEqual(['a acquire ok true', 'a acquire info undefined']);
    // It exited after the result: the second request was never read.
    expect(session.messages.some((m) => 'id' in m && m.id === 'r2')).toBe(false);
  });

  it('stops waiting for a blocked daemon once the others finish: completed, the daemon unfinished', async () => {
    const s = scenario({ e: { type: 'event' } }, [
      { name: 'daemon', kind: 'thread', daemon: true, ops: [{ op: 'wait', target: 'e' }] },
      { name: 'main', kind: 'thread', ops: [{ op: 'sleep', units: 1 }] },
    ]);
    const session = await talk([run('r1', s)]);
    expect(resultOf(session, 'r1')).toMatchObject({ status: 'completed', unfinished: ['daemon'], exiting: true });
    const info = eventsOf(session, 'r1').find((e) => e.type === 'info');
    expect(info).toMatchObject({ actor: 'daemon', f: 'wait', message: expect.stringMatching(/daemon stopped/) });
  });

  it("uses CPython's own objects: tuples in a priority queue, its errors and its thread rules", async () => {
    const s = scenario(
      { pq: { type: 'queue', order: 'priority' }, q: { type: 'queue', maxsize: 1 }, b: { type: 'bounded-semaphore', value: 1 }, x: { type: 'cell', initial: 5 } },
      [
        {
          name: 'main',
          kind: 'thread',
          ops: [
            { op: 'put', target: 'pq', item: [2, 'b'] },
            { op: 'put', target: 'pq', item: [1, 'a'] },
            { op: 'get', target: 'pq' },
            { op: 'get', target: 'pq' },
            { op: 'put', target: 'pq', item: [2, { no: 'order' }] },
            { op: 'put', target: 'pq', item: [2, { for: 'dicts' }] },
            { op: 'put_nowait', target: 'q', item: 1 },
            { op: 'put', target: 'q', item: 2, timeout: 1 },
            { op: 'release', target: 'b' },
            { op: 'start', actor: 'helper' },
            { op: 'start', actor: 'helper' },
            { op: 'join', actor: 'helper' },
            { op: 'is_alive', actor: 'helper' },
          ],
        },
        { name: 'helper', kind: 'thread', start: 'manual', ops: [{ op: 'read', target: 'x', into: 'v' }, { op: 'write', target: 'x', value: { reg: 'v', add: -1 } }] },
      ],
    );
    const session = await talk([run('r1', s)]);
    expect(resultOf(session, 'r1')).toMatchObject({ status: 'completed', final: { cells: { x: 4 } }, unfinished: [] });
    expect(completions(eventsOf(session, 'r1').filter((e) => e.actor === 'main'))).toEqual([
      'main put ok null',
      'main put ok null',
      'main get ok [1,"a"]',
      'main get ok [2,"b"]',
      'main put ok null',
      'main put fail TypeError',
      'main put_nowait ok null',
      'main put fail Full',
      'main release fail ValueError',
      'main start ok null',
      'main start fail RuntimeError',
      'main join ok null',
      'main is_alive ok false',
    ]);
    const typeError = eventsOf(session, 'r1').find((e) => e.type === 'fail' && e.error === 'TypeError');
    expect(typeError?.message).toBe("'<' not supported between instances of 'dict' and 'dict'");
  });

  it("checks scenarios with the same op and object tables as the harness (harness/scenario/op-signatures.ts)", () => {
    const dump = execFileSync(pythonCommand().file, ['-B', '-c', 'import json; from conform_driver.scenario_check import OP_SIGNATURES, OBJECT_FIELDS; print(json.dumps([OP_SIGNATURES, OBJECT_FIELDS]))'], {
      cwd: path.join(__dirname, '..', '..', 'adapters', 'python'),
      encoding: 'utf8',
    });
    const [ops, objects] = JSON.parse(dump) as [Record<string, { required: object; optional: object; targets: string[] | null }>, Record<string, string[]>];
    // The driver may know fewer ops than the model, never different ones.
    for (const [name, signature] of Object.entries(ops)) {
      const ts = OP_SIGNATURES[name as keyof typeof OP_SIGNATURES];
      expect({ name, ...signature }).toEqual({ name, required: ts.required, optional: ts.optional, targets: ts.targets ?? null });
    }
    for (const [type, fields] of Object.entries(objects)) expect({ type, fields }).toEqual({ type, fields: OBJECT_FIELDS[type as keyof typeof OBJECT_FIELDS] });
    expect(Object.keys(ops)).toEqual(expect.arrayContaining(['acquire', 'release', 'wait', 'put', 'get', 'read', 'write', 'start', 'join', 'repeat', 'terminate', 'exitcode', 'program']));
    expect(Object.keys(ops)).toEqual(expect.arrayContaining([...SOCKET_OP_NAMES, 'when']));
    expect(Object.keys(objects)).toEqual(expect.arrayContaining(['tcp-listener', 'unix-listener', 'udp-socket']));
  });
});
