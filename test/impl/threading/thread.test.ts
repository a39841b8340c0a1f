import { RuntimeError } from '../../../impl';
import { active_count, current_thread, enumerate, Thread } from '../../../impl/threading';
import * as targets from './targets';

/** threading.Thread on worker threads: life-cycle, names, shared memory. */

describe('Thread', () => {
  it('runs its target on another thread that shares this process memory', () => {
    const cells = new Int32Array(new SharedArrayBuffer(8));
    const t = new Thread({ target: targets.record, args: [cells, 0] });
    expect(t.name).toMatch(/^Thread-\d+ \(record\)$/);
    t.start();
    t.join();
    expect(Atomics.load(cells, 0)).toBe(t.ident);
    expect(t.ident).not.toBe(0);
  });

  it('runs a subclass run() and names it Thread-N', () => {
    const cells = new Int32Array(new SharedArrayBuffer(8));
    const c = new targets.Counter(cells);
    expect(c.name).toMatch(/^Thread-\d+$/);
    c.start();
    c.join();
    expect(Atomics.load(cells, 0)).toBe(1);
  });

  it('is alive from start() to the end of run(); join(timeout) may return first', () => {
    const cells = new Int32Array(new SharedArrayBuffer(8));
    const t = new Thread({ target: targets.spin, args: [cells, 300] });
    expect(t.is_alive()).toBe(false);
    expect(enumerate()).toEqual([current_thread()]);
    t.start();
    expect(t.is_alive()).toBe(true);
    expect(active_count()).toBe(2);
    t.join(0.01);
    expect(t.is_alive()).toBe(true);
    expect(() => (t.daemon = true)).toThrow(new RuntimeError('cannot set daemon status of active thread'));
    expect(() => t.start()).toThrow('threads can only be started once');
    t.join();
    expect(t.is_alive()).toBe(false);
    expect(active_count()).toBe(1);
    expect(current_thread().name).toBe('MainThread');
  });
});
