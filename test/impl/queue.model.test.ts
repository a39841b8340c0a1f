// Model-based tests (fast-check): random sequences of non-blocking operations on a real queue
// must match a plain sequential model of Python's Queue / LifoQueue / PriorityQueue.
import fc from 'fast-check';
import { LifoQueue, PriorityQueue, Queue, type QueueOptions } from '../../impl';

type Item = [number, string];
type Order = 'fifo' | 'lifo' | 'priority';

interface Model {
  order: Order;
  maxsize: number;
  items: Item[];
  unfinished: number;
}

/** Python's tuple `<` for (int, ASCII str) pairs, written independently of the implementation. */
function itemLess(a: Item, b: Item): boolean {
  return a[0] !== b[0] ? a[0] < b[0] : a[1] < b[1];
}

function isFull(m: Model): boolean {
  return m.maxsize > 0 && m.items.length >= m.maxsize;
}

function takeExpected(m: Model): Item {
  if (m.order === 'fifo') return m.items.shift() as Item;
  if (m.order === 'lifo') return m.items.pop() as Item;
  let best = 0;
  m.items.forEach((item, i) => {
    if (itemLess(item, m.items[best])) best = i;
  });
  return m.items.splice(best, 1)[0];
}

function outcome(f: () => unknown): { value?: unknown; error?: string } {
  try {
    return { value: f() };
  } catch (e) {
    return { error: (e as Error).name };
  }
}

function checkObservers(m: Model, q: Queue<Item>): void {
  expect(q.qsize()).toBe(m.items.length);
  expect(q.empty()).toBe(m.items.length === 0);
  expect(q.full()).toBe(isFull(m));
  expect(q.unfinished_tasks).toBe(m.unfinished);
}

class Put implements fc.Command<Model, Queue<Item>> {
  constructor(readonly item: Item, readonly mode: 'nowait' | 'timeout0' | 'nonblocking') {}
  check = () => true;
  run(m: Model, q: Queue<Item>): void {
    const result = outcome(() =>
      this.mode === 'nowait' ? q.put_nowait(this.item) : this.mode === 'timeout0' ? q.put(this.item, true, 0) : q.put(this.item, false),
    );
    if (isFull(m)) {
      expect(result).toEqual({ error: 'Full' });
    } else {
      expect(result).toEqual({ value: undefined });
      m.items.push(this.item);
      m.unfinished++;
    }
    checkObservers(m, q);
  }
  toString = () => `put_${this.mode}(${JSON.stringify(this.item)})`;
}

class Get implements fc.Command<Model, Queue<Item>> {
  constructor(readonly mode: 'nowait' | 'timeout0' | 'nonblocking') {}
  check = () => true;
  run(m: Model, q: Queue<Item>): void {
    const result = outcome(() => (this.mode === 'nowait' ? q.get_nowait() : this.mode === 'timeout0' ? q.get(true, 0) : q.get(false)));
    if (m.items.length === 0) expect(result).toEqual({ error: 'Empty' });
    else expect(result).toEqual({ value: takeExpected(m) });
    checkObservers(m, q);
  }
  toString = () => `get_${this.mode}()`;
}

class TaskDone implements fc.Command<Model, Queue<Item>> {
  check = () => true;
  run(m: Model, q: Queue<Item>): void {
    const result = outcome(() => q.task_done());
    if (m.unfinished === 0) {
      expect(result).toEqual({ error: 'ValueError' });
    } else {
      expect(result).toEqual({ value: undefined });
      m.unfinished--;
    }
    checkObservers(m, q);
  }
  toString = () => 'task_done()';
}

const item = fc.tuple(fc.integer({ min: -3, max: 3 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 80 }));
const mode = fc.constantFrom('nowait' as const, 'timeout0' as const, 'nonblocking' as const);
const commands = fc.commands(
  [
    item.chain((i) => mode.map((m) => new Put(i, m))),
    item.chain((i) => mode.map((m) => new Put(i, m))),
    mode.map((m) => new Get(m)),
    fc.constant(new TaskDone()),
  ],
  { maxCommands: 200 },
);

const constructors: Record<Order, new (maxsize: number, options: QueueOptions) => Queue<Item>> = {
  fifo: Queue,
  lifo: LifoQueue,
  priority: PriorityQueue,
};

describe.each(['fifo', 'lifo', 'priority'] as const)('%s queue matches the sequential model', (order) => {
  test('random non-blocking operation sequences', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(0), fc.integer({ min: -1, max: 6 })), commands, (maxsize, cmds) => {
        // Tiny starting buffers make the shared store grow, slide and compact all the time.
        const setup = () => ({
          model: { order, maxsize, items: [], unfinished: 0 } as Model,
          real: new constructors[order](maxsize, { initialBytes: 16, initialItems: 1 }),
        });
        fc.modelRun(setup, cmds);
      }),
      { numRuns: 150 },
    );
  });
});
