import type { Lock } from '../../impl';
import { binding as reference } from '../../harness/adapters/reference/binding';
import type { ObjectBinding } from '../../harness/adapters/reference/object-binding';
import type { Mutant } from './mutant';

export const mutant: Mutant = {
  name: 'lock-release-unchecked',
  defect: 'releasing an unlocked lock is silently ignored instead of raising RuntimeError',
  breaks: 'lock',
  caughtBy: ['lock.release-once-per-acquire'],
};

export const binding: ObjectBinding = {
  ...reference,
  invoke(object, decl, op, time) {
    if (decl.type === 'lock' && op.op === 'release' && !(object as Lock).locked()) return null;
    return reference.invoke(object, decl, op, time);
  },
};
