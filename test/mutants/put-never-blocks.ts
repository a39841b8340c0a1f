import type { Queue } from '../../impl';
import { Full } from '../../impl';
import type { Json } from '../../harness/scenario/model';
import { binding as reference } from '../../harness/adapters/reference/binding';
import type { ObjectBinding } from '../../harness/adapters/reference/object-binding';
import type { Mutant } from './mutant';

export const mutant: Mutant = {
  name: 'put-never-blocks',
  defect: 'a bounded queue whose blocking put never waits for room: it appends past maxsize (only put_nowait checks)',
  breaks: 'queue',
  caughtBy: ['queue.put-blocks-when-full', 'queue.bounded-queue-balances', 'queue.put-timeout-raises-full'],
};

const bound = (maxsize: number | undefined) => (maxsize !== undefined && maxsize > 0 ? maxsize : Infinity);

export const binding: ObjectBinding = {
  ...reference,
  // The storage is unbounded; the bound lives only in the checks below.
  create: (name, decl, created) => reference.create(name, decl.type === 'queue' ? { ...decl, maxsize: 0 } : decl, created),
  invoke(object, decl, op, time) {
    if (decl.type !== 'queue') return reference.invoke(object, decl, op, time);
    const queue = object as Queue<Json>;
    const full = () => queue.qsize() >= bound(decl.maxsize);
    switch (op.op) {
      case 'full':
        return full();
      case 'put_nowait':
        if (full()) throw new Full();
        return reference.invoke(object, decl, op, time);
      case 'put':
        if (op.block === false && full()) throw new Full();
        return reference.invoke(object, decl, op, time);
      default:
        return reference.invoke(object, decl, op, time);
    }
  },
};
