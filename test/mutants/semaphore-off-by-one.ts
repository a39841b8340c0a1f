import { binding as reference } from '../../harness/adapters/reference/binding';
import type { ObjectBinding } from '../../harness/adapters/reference/object-binding';
import type { Mutant } from './mutant';

export const mutant: Mutant = {
  name: 'semaphore-off-by-one',
  defect: 'Semaphore(n) admits n + 1 holders (a `<=` where `<` was meant)',
  breaks: 'semaphore',
  caughtBy: ['semaphore.at-most-n-inside', 'semaphore.counter-arithmetic'],
};

export const binding: ObjectBinding = {
  ...reference,
  create: (name, decl, created) => reference.create(name, decl.type === 'semaphore' ? { ...decl, value: (decl.value ?? 1) + 1 } : decl, created),
};
