import { AssertionError, Process, Queue, PicklingError } from '../../../impl/process';
import { Lock as ThreadLock } from '../../../impl';
import * as targets from './targets';

/** multiprocessing.Process semantics, between real child processes. */

describe('Process', () => {
  it('runs its target in another process and is joined with exit code 0', async () => {
    const q = new Queue();
    const p = new Process({ target: targets.whoAmI, args: [q] });
    expect([p.pid, p.exitcode, p.is_alive()]).toEqual([null, null, false]);
    p.start();
    expect(p.is_alive()).toBe(true);
    const seen = (await q.get()) as { pid: number; name: string };
    await p.join();
    expect(seen.pid).toBe(p.pid);
    expect(seen.pid).not.toBe(process.pid);
    expect(seen.name).toBe(p.name);
    expect([p.exitcode, p.is_alive()]).toEqual([0, false]);
  });

  it('names processes as CPython does: Process-N, and a subclass after its class', () => {
    const a = new Process();
    const b = new targets.Greeter(new Queue(), 'hi');
    const na = Number(a.name.split('-')[1]);
    expect(a.name).toMatch(/^Process-\d+$/);
    expect(b.name).toBe(`Greeter-${na + 1}`);
    expect(new Process({ name: '名字' }).name).toBe('名字');
  });

  it("rebuilds a subclass in the child with its own fields and runs its run()", async () => {
    const q = new Queue();
    const g = new targets.Greeter(q, '你好');
    g.start();
    expect(await q.get()).toBe(`你好 from ${g.name}`);
    await g.join();
  });

  it('gives the child copies: its changes to a global or to an argument stay in the child', async () => {
    const q = new Queue();
    const p = new Process({ target: targets.setGlobal, args: [q] });
    p.start();
    expect(await q.get()).toBe(0);
    await p.join();
    expect(targets.moduleGlobal).toBe(100);
    const list = [1];
    const m = new Process({ target: targets.mutate, args: [list, q] });
    m.start();
    expect(await q.get()).toEqual([1, 99]);
    await m.join();
    expect(list).toEqual([1]);
  });

  it('reports an exception in the target as exit code 1', async () => {
    const p = new Process({ target: targets.raises });
    p.start();
    await p.join();
    expect(p.exitcode).toBe(1);
  });

  it('terminate() sends SIGTERM: exit code -15 after join()', async () => {
    const p = new Process({ target: targets.sleepMs, args: [30_000] });
    p.start();
    p.terminate();
    await p.join();
    expect([p.exitcode, p.is_alive()]).toEqual([-15, false]);
  });

  it('join(timeout) returns with the child still running', async () => {
    const p = new Process({ target: targets.sleepMs, args: [30_000] });
    p.start();
    await p.join(0.05);
    expect([p.is_alive(), p.exitcode]).toEqual([true, null]);
    p.kill();
    await p.join();
    expect(p.exitcode).toBe(-9);
  });

  it("raises CPython's AssertionErrors for misuse", async () => {
    expect(() => new Process({ group: 1 as never })).toThrow(new AssertionError('group argument must be None for now'));
    const p = new Process({ target: targets.sleepMs, args: [1] });
    await expect(p.join()).rejects.toThrow('can only join a started process');
    p.start();
    expect(() => (p.daemon = true)).toThrow('process has already started');
    expect(() => p.start()).toThrow('cannot start a process twice');
    await p.join();
  });

  it('a daemonic process cannot start children', async () => {
    const q = new Queue();
    const d = new Process({ target: targets.startChild, args: [q], daemon: true });
    d.start();
    expect(await q.get()).toBe('AssertionError: daemonic processes are not allowed to have children');
    await d.join();
  });

  it('refuses what cannot cross to another process, before starting anything', () => {
    expect(() => new Process({ target: () => undefined }).start()).toThrow(PicklingError);
    const q = new Queue();
    expect(() => new Process({ target: targets.report, args: [q, new ThreadLock()] }).start()).toThrow(/lives in this process's memory/);
    expect(() => new Process({ target: targets.report, args: [q, () => 1] }).start()).toThrow(PicklingError);
  });

  it('joining a daemonic child keeps this process waiting (a blocked join is alive)', async () => {
    const q = new Queue();
    const p = new Process({ target: targets.whoAmI, args: [q], daemon: true });
    p.start();
    const seen = (await q.get()) as { daemon: boolean };
    await p.join();
    expect(seen.daemon).toBe(true);
  });
});

