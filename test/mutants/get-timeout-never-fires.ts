import { binding as reference } from '../../harness/adapters/reference/binding';
import type { ObjectBinding } from '../../harness/adapters/reference/object-binding';
import type { Mutant } from './mutant';

export const mutant: Mutant = {
  name: 'get-timeout-never-fires',
  defect: "Queue.get(timeout=...) drops its timeout and waits forever for an item",
  breaks: 'queue',
  caughtBy: ['queue.get-timeout-raises-empty'],
};

export const binding: ObjectBinding = {
  ...reference,
  invoke(object, decl, op, time) {
    if (decl.type === 'queue' && op.op === 'get' && op.timeout !== undefined && op.timeout !== null) {
      const { timeout: _ignored, ...forever } = op;
      return reference.invoke(object, decl, forever, time);
    }
    return reference.invoke(object, decl, op, time);
  },
};
