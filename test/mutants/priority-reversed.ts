import type { Json } from '../../harness/scenario/model';
import { binding as reference } from '../../harness/adapters/reference/binding';
import type { ObjectBinding } from '../../harness/adapters/reference/object-binding';
import type { Mutant } from './mutant';

export const mutant: Mutant = {
  name: 'priority-reversed',
  defect: 'PriorityQueue is a max-heap: the highest priority number comes out first',
  breaks: 'priority-queue',
  caughtBy: ['queue.priority-lowest-first'],
};

/** Negates a number or a tuple's leading number, so the reference's min-heap orders by the opposite. */
function flip(item: Json): Json {
  if (typeof item === 'number') return -item;
  if (Array.isArray(item) && typeof item[0] === 'number') return [-item[0], ...item.slice(1)];
  return item;
}

export const binding: ObjectBinding = {
  ...reference,
  invoke(object, decl, op, time) {
    if (decl.type !== 'queue' || decl.order !== 'priority') return reference.invoke(object, decl, op, time);
    if (op.op === 'put' || op.op === 'put_nowait') return reference.invoke(object, decl, { ...op, item: flip(op.item) }, time);
    if (op.op === 'get' || op.op === 'get_nowait') return flip(reference.invoke(object, decl, op, time));
    return reference.invoke(object, decl, op, time);
  },
};
