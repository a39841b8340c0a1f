import { binding as reference } from '../../harness/adapters/reference/binding';
import type { ObjectBinding } from '../../harness/adapters/reference/object-binding';
import type { Mutant } from './mutant';

export const mutant: Mutant = {
  name: 'bounded-semaphore-unchecked',
  defect: 'BoundedSemaphore does not check its bound: an extra release raises the counter instead of ValueError',
  breaks: 'bounded-semaphore',
  caughtBy: ['semaphore.bounded-over-release-raises'],
};

export const binding: ObjectBinding = {
  ...reference,
  create: (name, decl, created) => reference.create(name, decl.type === 'bounded-semaphore' ? { ...decl, type: 'semaphore' } : decl, created),
};
