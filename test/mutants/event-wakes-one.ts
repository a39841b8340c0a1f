import { Event, Semaphore, attach, type EventHandle, type SemaphoreHandle } from '../../impl';
import { binding as reference } from '../../harness/adapters/reference/binding';
import type { ObjectBinding } from '../../harness/adapters/reference/object-binding';
import type { Mutant } from './mutant';

export const mutant: Mutant = {
  name: 'event-wakes-one',
  defect: 'an Event built on a semaphore: set() wakes one waiter instead of all of them',
  breaks: 'event',
  caughtBy: ['event.set-wakes-every-waiter', 'event.any-number-of-waiters'],
};

interface Parts {
  flag: Event;
  wake: Semaphore;
}

interface PartHandles {
  flag: EventHandle;
  wake: SemaphoreHandle;
}

export const binding: ObjectBinding = {
  ...reference,
  create(name, decl, created) {
    if (decl.type !== 'event') return reference.create(name, decl, created);
    const parts: Parts = { flag: new Event(), wake: new Semaphore(0) };
    const handle: PartHandles = { flag: parts.flag.handle, wake: parts.wake.handle };
    return { object: parts, handle };
  },
  attach(decl, handle) {
    if (decl.type !== 'event') return reference.attach(decl, handle);
    const h = handle as PartHandles;
    return { flag: attach(h.flag), wake: attach(h.wake) } as Parts;
  },
  invoke(object, decl, op, time) {
    if (decl.type !== 'event') return reference.invoke(object, decl, op, time);
    const { flag, wake } = object as Parts;
    switch (op.op) {
      case 'set':
        flag.set();
        wake.release();
        return null;
      case 'clear':
        flag.clear();
        return null;
      case 'is_set':
        return flag.is_set();
      case 'wait':
        if (flag.is_set()) return true;
        return wake.acquire(true, op.timeout === undefined || op.timeout === null ? null : time.seconds(op.timeout));
      default:
        return reference.invoke(flag, decl, op, time);
    }
  },
};
