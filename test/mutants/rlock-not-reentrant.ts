import { binding as reference } from '../../harness/adapters/reference/binding';
import type { ObjectBinding } from '../../harness/adapters/reference/object-binding';
import type { Mutant } from './mutant';

export const mutant: Mutant = {
  name: 'rlock-not-reentrant',
  defect: 'RLock is a plain Lock: its owner acquiring it again blocks (or fails without blocking)',
  breaks: 'rlock',
  caughtBy: ['rlock.same-thread-reacquires', 'deadlock.single-rlock-fix'],
};

export const binding: ObjectBinding = {
  ...reference,
  create: (name, decl, created) => reference.create(name, decl.type === 'rlock' ? { type: 'lock' } : decl, created),
};
