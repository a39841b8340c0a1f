import { Condition, Event, attach, type ConditionHandle, type EventHandle } from '../../impl';
import { binding as reference } from '../../harness/adapters/reference/binding';
import type { ObjectBinding } from '../../harness/adapters/reference/object-binding';
import type { Mutant } from './mutant';

export const mutant: Mutant = {
  name: 'event-wait-ignores-flag',
  defect: 'Event.wait waits for the next set() on a condition variable and ignores a flag that is already set',
  breaks: 'event',
  caughtBy: ['event.wait-on-set-returns-at-once', 'event.flag-decides-blocking'],
};

interface Parts {
  flag: Event;
  cond: Condition;
}

interface PartHandles {
  flag: EventHandle;
  cond: ConditionHandle;
}

export const binding: ObjectBinding = {
  ...reference,
  create(name, decl, created) {
    if (decl.type !== 'event') return reference.create(name, decl, created);
    const parts: Parts = { flag: new Event(), cond: new Condition() };
    const handle: PartHandles = { flag: parts.flag.handle, cond: parts.cond.handle };
    return { object: parts, handle };
  },
  attach(decl, handle) {
    if (decl.type !== 'event') return reference.attach(decl, handle);
    const h = handle as PartHandles;
    return { flag: attach(h.flag), cond: attach(h.cond) } as Parts;
  },
  invoke(object, decl, op, time) {
    if (decl.type !== 'event') return reference.invoke(object, decl, op, time);
    const { flag, cond } = object as Parts;
    switch (op.op) {
      case 'set':
        cond.acquire();
        flag.set();
        cond.notify_all();
        cond.release();
        return null;
      case 'wait': {
        cond.acquire();
        try {
          return cond.wait(op.timeout === undefined || op.timeout === null ? null : time.seconds(op.timeout));
        } finally {
          cond.release();
        }
      }
      default:
        return reference.invoke(flag, decl, op, time);
    }
  },
};
