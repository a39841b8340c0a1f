import { slot } from './runtime';

/**
 * Keeps this process alive while one of its own calls waits. A call on a shared object held by
 * this very process waits on a promise, and a pending promise alone does not keep Node running:
 * a main program blocked in q.get() on its own queue, fed only by a daemonic child, would simply
 * exit. A blocked CPython thread keeps its process alive, so a waiting call holds a timer.
 */
interface KeepAlive {
  waiting: number;
  timer: NodeJS.Timeout | undefined;
}

function state(): KeepAlive {
  return slot('keep-alive', () => ({ waiting: 0, timer: undefined }));
}

export function whileWaiting<T>(call: Promise<T>): Promise<T> {
  const s = state();
  if (s.waiting++ === 0) s.timer = setInterval(() => undefined, 2 ** 30);
  return call.finally(() => {
    if (--s.waiting === 0) {
      clearInterval(s.timer);
      s.timer = undefined;
    }
  });
}
