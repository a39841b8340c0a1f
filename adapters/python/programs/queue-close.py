"""004, 队列 概念: what close(), join_thread() and a closed producer mean for a
multiprocessing.Queue. A producer puts two items and closes its queue (a third put fails);
join_thread() before close() is refused, after close() it returns with nobody reading; the
parent then reads the two items. A consumer blocked in get() while the producer closes gets no
end-of-data signal: its get just times out.

Records: `put-after-close` {error, message}, `join-thread-before-close` {error},
`join-thread-returned`, `parent-got` {item}, `consumer-get` {error}, `consumer-started` and
`closer-closed`.
"""

import os
import sys
from multiprocessing import Event, Process, Queue

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report  # noqa: E402

args = program_args(patience=3)
clock = Clock(args['unitMs'])


def producer(q):
    q.put(1)
    q.put(2)
    try:
        q.join_thread()
        report('join-thread-before-close', error='none')
    except Exception as e:
        report('join-thread-before-close', error=type(e).__name__)
    q.close()
    try:
        q.put(3)
        report('put-after-close', error='none', message='')
    except Exception as e:
        report('put-after-close', error=type(e).__name__, message=str(e))
    q.join_thread()
    report('join-thread-returned')


def consumer(q, patience, waiting):
    report('consumer-started')
    waiting.set()
    try:
        q.get(True, patience)
        report('consumer-get', error='none')
    except Exception as e:
        report('consumer-get', error=type(e).__name__)


def closer(q, waiting):
    waiting.wait()  # the consumer is in its get() (or about to be)
    q.close()
    report('closer-closed')


if __name__ == '__main__':
    q = Queue()
    p = Process(target=producer, args=(q,))
    p.start()
    p.join()
    report('parent-got', item=q.get())
    report('parent-got', item=q.get())

    idle = Queue()
    waiting = Event()
    c = Process(target=consumer, args=(idle, clock.seconds(args['patience']), waiting))
    c.start()
    closing = Process(target=closer, args=(idle, waiting))
    closing.start()
    closing.join()
    c.join()
