import type { SequentialModel } from '../types';
import { callOf, raised, returned } from './call-shape';

/**
 * threading.Lock: `true` while held. Ownership is not modelled because a Lock has none (any
 * thread may release it). acquire → false (block=False or a timeout) linearizes while held;
 * release of an unheld lock raises RuntimeError and changes nothing.
 */
export const lock: SequentialModel<boolean> = {
  name: 'lock',
  init: () => false,
  hash: (held) => (held ? 'held' : 'free'),
  describeState: (held) => (held ? 'held' : 'free'),
  step(held, input, output) {
    const { f, out } = callOf(input, output);
    switch (f) {
      case 'acquire':
        if (returned(out, false)) return held ? held : undefined;
        if (out.outcome === 'fail' || held) return undefined;
        return out.outcome === 'unknown' || returned(out, true) || out.value === undefined ? true : undefined;
      case 'release':
        if (raised(out, 'RuntimeError')) return held ? undefined : held;
        if (out.outcome === 'fail' || !held) return undefined;
        return false;
      default:
        return undefined;
    }
  },
};
