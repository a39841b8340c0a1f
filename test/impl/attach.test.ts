// attach(handle) rebuilds the right primitive over the same shared memory.
import {
  Barrier,
  BoundedSemaphore,
  Condition,
  Event,
  JoinableQueue,
  LifoQueue,
  Lock,
  PriorityQueue,
  Queue,
  RLock,
  Semaphore,
  attach,
} from '../../impl';

test('every primitive round-trips through attach and shares its state', () => {
  const lock = new Lock();
  const copy = attach(lock.handle);
  expect(copy).toBeInstanceOf(Lock);
  lock.acquire();
  expect(copy.locked()).toBe(true);
  copy.release();

  const rlock = attach(new RLock().handle);
  expect(rlock).toBeInstanceOf(RLock);

  const sem = new Semaphore(2);
  const semCopy = attach(sem.handle);
  expect(semCopy).toBeInstanceOf(Semaphore);
  semCopy.acquire();
  expect(sem.value).toBe(1);

  const bounded = attach(new BoundedSemaphore(1).handle);
  expect(bounded).toBeInstanceOf(BoundedSemaphore);
  expect(() => bounded.release()).toThrow('Semaphore released too many times');

  const event = new Event();
  attach(event.handle).set();
  expect(event.is_set()).toBe(true);

  const barrier = new Barrier(3, 0.5);
  const barrierCopy = attach(barrier.handle);
  expect(barrierCopy.parties).toBe(3);
  barrierCopy.abort();
  expect(barrier.broken).toBe(true);

  for (const [q, cls] of [
    [new Queue(), Queue],
    [new LifoQueue(), LifoQueue],
    [new PriorityQueue(), PriorityQueue],
    [new JoinableQueue(), JoinableQueue],
  ] as const) {
    const qCopy = attach(q.handle);
    expect(qCopy).toBeInstanceOf(cls);
    qCopy.put('x');
    expect(q.get_nowait()).toBe('x');
  }
});

test('a Condition handle carries its lock, so both sides share the same lock', () => {
  for (const lock of [new Lock(), new RLock()]) {
    const cond = new Condition(lock);
    expect(cond.handle.lock).toBe(lock.handle);
    const copy = attach(cond.handle);
    expect(copy.lock).toBeInstanceOf(lock.constructor);
    copy.acquire();
    expect(lock.locked()).toBe(true);
    copy.notify(); // owned through the shared lock
    copy.release();
    expect(lock.locked()).toBe(false);
  }
});

test('handles are plain structured-clonable data', () => {
  const handles = [new Lock(), new Condition(), new Barrier(2), new PriorityQueue(3)].map((p) => p.handle);
  for (const handle of handles) {
    const cloned = structuredClone(handle);
    expect(cloned).toEqual(handle);
  }
  // A clone still refers to the same shared memory.
  const lock = new Lock();
  attach(structuredClone(lock.handle)).acquire();
  expect(lock.locked()).toBe(true);
  expect(() => attach({ kind: 'nope' } as never)).toThrow(TypeError);
});
