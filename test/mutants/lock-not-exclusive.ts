import type { Lock } from '../../impl';
import { binding as reference } from '../../harness/adapters/reference/binding';
import type { ObjectBinding } from '../../harness/adapters/reference/object-binding';
import { napper, type Mutant } from './mutant';

export const mutant: Mutant = {
  name: 'lock-not-exclusive',
  defect: 'a spin lock whose blocking acquire gives up spinning after a few tries and proceeds as if it held the lock',
  breaks: 'lock',
  caughtBy: ['lock.locked-decrement-exact', 'lock.others-queue-until-unlocked'],
};

const SPINS = 3;
const nap = napper();

export const binding: ObjectBinding = {
  ...reference,
  invoke(object, decl, op, time) {
    if (decl.type === 'lock' && op.op === 'acquire' && op.blocking !== false && op.timeout === undefined) {
      const lock = object as Lock;
      for (let spin = 0; spin < SPINS; spin++) {
        if (lock.acquire(false)) return true;
        nap(1);
      }
      return true;
    }
    return reference.invoke(object, decl, op, time);
  },
};
