import type { Queue } from '../../impl';
import type { Json } from '../../harness/scenario/model';
import { binding as reference } from '../../harness/adapters/reference/binding';
import type { ObjectBinding } from '../../harness/adapters/reference/object-binding';
import { napper, type Mutant } from './mutant';

export const mutant: Mutant = {
  name: 'join-when-empty',
  defect: 'Queue.join returns as soon as the queue is empty, not when every item has been marked done',
  breaks: 'joinable-queue',
  caughtBy: ['queue.join-waits-for-task-done', 'queue.join-blocks-until-all-done'],
};

const nap = napper();

export const binding: ObjectBinding = {
  ...reference,
  invoke(object, decl, op, time) {
    if (decl.type !== 'queue' || op.op !== 'join_queue') return reference.invoke(object, decl, op, time);
    const queue = object as Queue<Json>;
    while (!queue.empty()) nap(1);
    return null;
  },
};
