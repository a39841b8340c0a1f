import { ValueError } from '../../errors';
import { pollKernel, waitForAny, type ReadinessSignal } from './readiness';
import type { Socket } from './socket';

/**
 * select.select(rlist, wlist, xlist, timeout) over facade sockets. Level-triggered, as select(2)
 * is: a socket is reported for as long as its condition holds (a listener with a connection not
 * yet accepted, unread data, EOF), not once per change. `timeout` is in seconds; null waits until
 * something is ready, 0 only looks. The result lists keep the input's order (and duplicates),
 * like CPython's. The exceptional list is always empty: the facade has no out-of-band data.
 */
export async function select(
  rlist: readonly Socket[],
  wlist: readonly Socket[],
  xlist: readonly Socket[],
  timeout: number | null = null,
): Promise<[Socket[], Socket[], Socket[]]> {
  if (timeout !== null && (typeof timeout !== 'number' || Number.isNaN(timeout))) throw new TypeError('timeout must be a float or None');
  if (timeout !== null && timeout < 0) throw new ValueError('timeout must be non-negative');
  const all = [...rlist, ...wlist, ...xlist];
  const signals: ReadinessSignal[] = all.flatMap((s) => s.selectState().signals);
  const ready = (): [Socket[], Socket[], Socket[]] | undefined => {
    const r = rlist.filter((s) => s.selectState().readable);
    const w = wlist.filter((s) => s.selectState().writable);
    return r.length > 0 || w.length > 0 ? [r, w, []] : undefined;
  };
  // What the kernel has for these sockets now, not only what Node happened to read already.
  await pollKernel();
  let result = ready();
  if (result !== undefined || timeout === 0) return result ?? [[], [], []];
  const deadline = timeout === null ? Infinity : performance.now() + timeout * 1000;
  for (;;) {
    const left = deadline - performance.now();
    if (left <= 0) return [[], [], []];
    if (await waitForAny(signals, left)) {
      // Let the rest of this poll phase land, so sockets that became ready together are reported together.
      await pollKernel();
      result = ready();
      if (result !== undefined) return result;
    }
  }
}
