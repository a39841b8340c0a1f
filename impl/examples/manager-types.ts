import { Manager, runMain } from '../process';
import { programArgs } from './support/program-args';
import { report } from './support/trace';

/**
 * 001, Managers: "A manager returned by Manager() will support types list, dict, Namespace,
 * Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event, Barrier, Queue, Value and Array."
 * Each type is created through one manager and used once.
 *
 * Records: `type` {name, works, error}.
 */

programArgs({});

type Check = () => Promise<unknown>;

async function main(): Promise<void> {
  const m = await Manager();
  const checks: Record<string, Check> = {
    list: async () => {
      const l = await m.list([1]);
      await l.append(2);
      return (await l.copy()).join(',') === '1,2';
    },
    dict: async () => {
      const d = await m.dict<string>();
      await d.set('k', 'v');
      return (await d.get('k')) === 'v';
    },
    Namespace: async () => {
      const ns = await m.Namespace();
      await ns.set('x', 1);
      return (await ns.get('x')) === 1;
    },
    Lock: async () => (await m.Lock()).acquire(),
    RLock: async () => {
      const r = await m.RLock();
      return (await r.acquire()) && (await r.acquire());
    },
    Semaphore: async () => (await m.Semaphore(2)).acquire(),
    BoundedSemaphore: async () => (await m.BoundedSemaphore(1)).acquire(),
    Condition: async () => {
      const c = await m.Condition();
      await c.acquire();
      const waited = await c.wait(0.01);
      await c.release();
      return waited === false;
    },
    Event: async () => {
      const e = await m.Event();
      await e.set();
      return e.is_set();
    },
    Barrier: async () => (await (await m.Barrier(1)).wait()) === 0,
    Queue: async () => {
      const q = await m.Queue<string>(1);
      await q.put('x');
      return (await q.full()) && (await q.get()) === 'x';
    },
    Value: async () => {
      const v = await m.Value('i', 1);
      await v.set(2);
      return (await v.get()) === 2;
    },
    Array: async () => (await (await m.Array('i', [1, 2, 3])).copy()).join(',') === '1,2,3',
  };
  for (const [name, check] of Object.entries(checks)) {
    try {
      report('type', { name, works: (await check()) === true, error: null });
    } catch (e) {
      report('type', { name, works: false, error: `${(e as Error).name}: ${(e as Error).message}` });
    }
  }
  await m.shutdown();
}

if (require.main === module) runMain(main);
