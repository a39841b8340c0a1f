"""001, Managers: "A manager returned by Manager() will support types list, dict, Namespace,
Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event, Barrier, Queue, Value and Array."
Each type is created through one manager and used once.

Records: `type` {name, works, error}.
"""

import multiprocessing
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import program_args, report  # noqa: E402

program_args()


def condition_times_out(m):
    c = m.Condition()
    c.acquire()
    waited = c.wait(0.01)
    c.release()
    return waited is False


def namespace_holds(m):
    ns = m.Namespace()
    ns.x = 1
    return ns.x == 1


def value_holds(m):
    v = m.Value('i', 1)
    v.value = 2
    return v.value == 2


def dict_holds(m):
    d = m.dict()
    d['k'] = 'v'
    return d['k'] == 'v'


def list_holds(m):
    lst = m.list([1])
    lst.append(2)
    return lst[:] == [1, 2]


def queue_holds(m):
    q = m.Queue(1)
    q.put('x')
    return q.full() and q.get() == 'x'


def event_holds(m):
    e = m.Event()
    e.set()
    return e.is_set()


def rlock_reenters(m):
    r = m.RLock()
    return r.acquire() and r.acquire()


CHECKS = {
    'list': list_holds,
    'dict': dict_holds,
    'Namespace': namespace_holds,
    'Lock': lambda m: m.Lock().acquire(),
    'RLock': rlock_reenters,
    'Semaphore': lambda m: m.Semaphore(2).acquire(),
    'BoundedSemaphore': lambda m: m.BoundedSemaphore(1).acquire(),
    'Condition': condition_times_out,
    'Event': event_holds,
    'Barrier': lambda m: m.Barrier(1).wait() == 0,
    'Queue': queue_holds,
    'Value': value_holds,
    'Array': lambda m: list(m.Array('i', [1, 2, 3])) == [1, 2, 3],
}

if __name__ == '__main__':
    with multiprocessing.Manager() as m:
        for name, check in CHECKS.items():
            try:
                report('type', name=name, works=check(m) is True, error=None)
            except Exception as e:
                report('type', name=name, works=False, error=f'{type(e).__name__}: {e}')
