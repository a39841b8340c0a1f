import { binding as reference } from '../../harness/adapters/reference/binding';
import type { ObjectBinding } from '../../harness/adapters/reference/object-binding';
import type { Mutant } from './mutant';

export const mutant: Mutant = {
  name: 'lifo-is-fifo',
  defect: 'LifoQueue takes items from the front, like a FIFO queue',
  breaks: 'lifo-queue',
  caughtBy: ['queue.lifo-order'],
};

export const binding: ObjectBinding = {
  ...reference,
  create: (name, decl, created) => reference.create(name, decl.type === 'queue' && decl.order === 'lifo' ? { ...decl, order: 'fifo' } : decl, created),
};
