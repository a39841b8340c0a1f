import { osError, socketTimeout } from './os-errors';

/**
 * How a blocking socket call waits. Node delivers socket events to the event loop, so "blocking"
 * here means awaiting: a call resolves when its socket's state changes the way it needs (data,
 * EOF, a connection, drained writes) or rejects at its timeout, exactly when CPython's call
 * would return or raise. Nothing polls: waiting is a promise settled by the socket's events.
 */

/** Wakes whoever waits on one socket whenever its state may have changed. */
export class ReadinessSignal {
  private readonly waiters = new Set<() => void>();

  notify(): void {
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }

  /** Calls `wake` once, at the next notify; returns a function that cancels the subscription. */
  once(wake: () => void): () => void {
    this.waiters.add(wake);
    return () => this.waiters.delete(wake);
  }
}

/** Waits until one of the signals fires (true) or `ms` passes (false); Infinity waits forever. */
export function waitForAny(signals: readonly ReadinessSignal[], ms: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const cancels: (() => void)[] = [];
    const settle = (fired: boolean) => {
      if (timer !== undefined) clearTimeout(timer);
      for (const cancel of cancels) cancel();
      resolve(fired);
    };
    for (const signal of signals) cancels.push(signal.once(() => settle(true)));
    if (ms !== Infinity) timer = setTimeout(() => settle(false), Math.max(0, ms));
  });
}

/**
 * One full turn of the event loop, poll phase included: afterwards every socket shows what the
 * kernel had for it when this was called, which is what a zero-timeout poll(2) would see. Two
 * setImmediate hops, because the first may run in the current turn's check phase, before any
 * poll; the second always runs after one.
 */
export async function pollKernel(): Promise<void> {
  for (let hop = 0; hop < 2; hop++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * CPython's three modes for one call: `timeout` null blocks until ready, 0 is non-blocking (one
 * look at the kernel, then `wouldBlock`, usually BlockingIOError EAGAIN), a positive number of
 * seconds waits at most that long and then raises socket.timeout. `attempt` returns undefined
 * while the call would block and may throw the call's own errors.
 */
export async function awaitReady<T>(
  timeout: number | null,
  signals: readonly ReadinessSignal[],
  attempt: () => T | undefined,
  wouldBlock: () => Error = () => osError('EAGAIN'),
): Promise<T> {
  let result = attempt();
  if (result !== undefined) return result;
  if (timeout === 0) {
    await pollKernel();
    result = attempt();
    if (result !== undefined) return result;
    throw wouldBlock();
  }
  const deadline = timeout === null ? Infinity : performance.now() + timeout * 1000;
  for (;;) {
    const left = deadline - performance.now();
    if (left <= 0) throw socketTimeout();
    await waitForAny(signals, left);
    result = attempt();
    if (result !== undefined) return result;
  }
}
