/**
 * Model-based test of the three asyncio queues: random programs of non-blocking calls,
 * blocking calls run as tasks, cancellations (including the classic race where a waiter is
 * woken and cancelled before it runs), task_done and join, checked after every step against a
 * sequential model. After each step the loop is allowed to settle, so the model only has to
 * know who is still blocked, in arrival order, and what each finished task returned.
 */
import fc from 'fast-check';
import { LifoQueue, PriorityQueue, Queue } from '../../impl/aio';
import { settle, spawn, type Outcome, type Task } from './task-harness';

type Kind = 'fifo' | 'lifo' | 'priority';

interface Model {
  kind: Kind;
  maxsize: number;
  items: number[];
  /** Blocked get() tasks, oldest first. */
  getters: number[];
  /** Blocked put() tasks and their items, oldest first. */
  putters: { id: number; item: number }[];
  joins: number[];
  unfinished: number;
  expected: Map<number, Outcome<unknown>>;
  nextId: number;
}

interface Real {
  q: Queue<number>;
  tasks: Map<number, Task<unknown>>;
}

type Cmd = fc.AsyncCommand<Model, Real>;

const full = (m: Model): boolean => m.maxsize > 0 && m.items.length >= m.maxsize;
const ok = (value: unknown): Outcome<unknown> => ({ state: 'ok', value });
const failed = (name: string): { state: 'error'; name: string } => ({ state: 'error', name });

/** Which item leaves next under the model's order. */
function take(m: Model): number {
  if (m.kind === 'fifo') return m.items.shift() as number;
  if (m.kind === 'lifo') return m.items.pop() as number;
  const at = m.items.indexOf(Math.min(...m.items));
  return m.items.splice(at, 1)[0] as number;
}

/** An item arrives: counted, and the oldest blocked getter (if any) takes the next item. */
function add(m: Model, item: number): void {
  m.items.push(item);
  m.unfinished += 1;
  const getter = m.getters.shift();
  if (getter !== undefined) m.expected.set(getter, ok(take(m)));
}

/** An item leaves: the oldest blocked putter (if any) puts its item. */
function remove(m: Model): number {
  const item = take(m);
  const putter = m.putters.shift();
  if (putter !== undefined) {
    add(m, putter.item);
    m.expected.set(putter.id, ok(undefined));
  }
  return item;
}

function startTask(m: Model, r: Real, body: (signal: AbortSignal) => Promise<unknown>): number {
  const id = m.nextId++;
  r.tasks.set(id, spawn(`T${id}`, body));
  m.expected.set(id, { state: 'pending' });
  return id;
}

function cancelled(m: Model, id: number): void {
  m.expected.set(id, { state: 'error', name: 'CancelledError', message: '' });
}

function errorName(f: () => unknown): string | undefined {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as Error).name;
  }
}

async function check(m: Model, r: Real): Promise<void> {
  await settle();
  expect([r.q.qsize(), r.q.empty(), r.q.full()]).toEqual([m.items.length, m.items.length === 0, full(m)]);
  if (m.unfinished === 0) for (const id of m.joins.splice(0)) m.expected.set(id, ok(undefined));
  for (const [id, outcome] of m.expected) {
    expect([id, r.tasks.get(id)?.outcome()]).toEqual([id, outcome]);
  }
}

function command(name: string, pre: (m: Model) => boolean, act: (m: Model, r: Real) => void): Cmd {
  return {
    check: pre,
    run: async (m, r) => {
      act(m, r);
      await check(m, r);
    },
    toString: () => name,
  };
}

const always = (): boolean => true;
const item = fc.integer({ min: 0, max: 9 });
const pick = fc.nat();

const commands = [
  item.map((x) =>
    command(`put_nowait(${x})`, always, (m, r) => {
      if (full(m)) expect(errorName(() => r.q.put_nowait(x))).toBe('Full');
      else {
        r.q.put_nowait(x);
        add(m, x);
      }
    }),
  ),
  fc.constant(
    command('get_nowait()', always, (m, r) => {
      if (m.items.length === 0) expect(errorName(() => r.q.get_nowait())).toBe('Empty');
      else {
        const expected = remove(m);
        expect(r.q.get_nowait()).toBe(expected);
      }
    }),
  ),
  item.map((x) =>
    command(`put(${x})`, always, (m, r) => {
      const blocks = full(m);
      const id = startTask(m, r, (signal) => r.q.put(x, { signal }));
      if (blocks) m.putters.push({ id, item: x });
      else {
        add(m, x);
        m.expected.set(id, ok(undefined));
      }
    }),
  ),
  fc.constant(
    command('get()', always, (m, r) => {
      const blocks = m.items.length === 0;
      const id = startTask(m, r, (signal) => r.q.get({ signal }));
      if (blocks) m.getters.push(id);
      else m.expected.set(id, ok(remove(m)));
    }),
  ),
  pick.map((k) =>
    command(`cancel getter #${k}`, (m) => m.getters.length > 0, (m, r) => {
      const [id] = m.getters.splice(k % m.getters.length, 1);
      if (id === undefined) throw new Error('precondition: a getter is blocked');
      r.tasks.get(id)?.cancel();
      cancelled(m, id);
    }),
  ),
  pick.map((k) =>
    command(`cancel putter #${k}`, (m) => m.putters.length > 0, (m, r) => {
      const [p] = m.putters.splice(k % m.putters.length, 1);
      if (p === undefined) throw new Error('precondition: a putter is blocked');
      r.tasks.get(p.id)?.cancel();
      cancelled(m, p.id);
    }),
  ),
  item.map((x) =>
    command(`put_nowait(${x}) + cancel the getter it wakes`, (m) => m.getters.length > 0, (m, r) => {
      const woken = m.getters.shift() as number;
      r.q.put_nowait(x);
      r.tasks.get(woken)?.cancel();
      cancelled(m, woken);
      add(m, x);
    }),
  ),
  fc.constant(
    command('get_nowait() + cancel the putter it wakes', (m) => m.putters.length > 0, (m, r) => {
      const woken = m.putters.shift() as { id: number };
      const expected = remove(m);
      expect(r.q.get_nowait()).toBe(expected);
      r.tasks.get(woken.id)?.cancel();
      cancelled(m, woken.id);
    }),
  ),
  fc.constant(
    command('task_done()', always, (m, r) => {
      if (m.unfinished === 0) expect(errorName(() => r.q.task_done())).toBe('ValueError');
      else {
        r.q.task_done();
        m.unfinished -= 1;
      }
    }),
  ),
  fc.constant(
    command('join()', always, (m, r) => {
      const id = startTask(m, r, () => r.q.join());
      m.joins.push(id);
    }),
  ),
];

function makeQueue(kind: Kind, maxsize: number): Queue<number> {
  if (kind === 'lifo') return new LifoQueue<number>(maxsize);
  if (kind === 'priority') return new PriorityQueue<number>(maxsize);
  return new Queue<number>(maxsize);
}

describe.each<Kind>(['fifo', 'lifo', 'priority'])('%s queue against a sequential model', (kind) => {
  test('random programs with blocking calls, cancellations, task_done and join', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 3 }), fc.commands(commands, { maxCommands: 40 }), async (maxsize, cmds) => {
        const setup = (): { model: Model; real: Real } => ({
          model: {
            kind,
            maxsize,
            items: [],
            getters: [],
            putters: [],
            joins: [],
            unfinished: 0,
            expected: new Map(),
            nextId: 0,
          },
          real: { q: makeQueue(kind, maxsize), tasks: new Map() },
        });
        await fc.asyncModelRun(setup, cmds);
      }),
      { numRuns: 150 },
    );
  });
});
