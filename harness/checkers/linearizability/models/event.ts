import type { SequentialModel } from '../types';
import { callOf, returned } from './call-shape';

/**
 * threading.Event: the flag. wait → true linearizes at a moment the flag was set (it may be
 * cleared again before wait returns), wait → false (a timeout) at a moment it was clear.
 */
export const event: SequentialModel<boolean> = {
  name: 'event',
  init: () => false,
  hash: (flag) => (flag ? 'set' : 'clear'),
  describeState: (flag) => (flag ? 'set' : 'clear'),
  step(flag, input, output) {
    const { f, out } = callOf(input, output);
    if (out.outcome === 'fail') return undefined;
    switch (f) {
      case 'set':
        return true;
      case 'clear':
        return false;
      case 'is_set':
      case 'wait':
        return out.outcome === 'unknown' || returned(out, flag) ? flag : undefined;
      default:
        return undefined;
    }
  },
};
