import { binding as reference } from '../../harness/adapters/reference/binding';
import type { ObjectBinding } from '../../harness/adapters/reference/object-binding';
import type { Mutant } from './mutant';

export const mutant: Mutant = {
  name: 'task-done-unchecked',
  defect: 'task_done called more times than items were taken is silently ignored instead of raising ValueError',
  breaks: 'joinable-queue',
  caughtBy: ['queue.task-done-too-many-raises'],
};

export const binding: ObjectBinding = {
  ...reference,
  invoke(object, decl, op, time) {
    if (decl.type !== 'queue' || op.op !== 'task_done') return reference.invoke(object, decl, op, time);
    try {
      return reference.invoke(object, decl, op, time);
    } catch (e) {
      if ((e as Error).name === 'ValueError') return null;
      throw e;
    }
  },
};
