"""004, 队列 概念: "q.cancel_join_thread() 不会再进程退出时自动连接后台线程。这可以防止
join_thread()方法阻塞。" A child puts one item of 1 MiB, more than the queue's pipe holds, on a
queue nobody reads yet, and returns. Without cancel_join_thread() its exit waits for the feeder
thread, which waits for a reader: the child is still alive after the parent has waited, and ends
only once the parent reads the item. With cancel_join_thread() it ends at once (the item it had
not flushed is lost; the parent does not read that queue, whose pipe holds a torn message).

Records: `child-put` {cancel}; `after-join` {cancel, alive, exitcode} once the child has put and
the parent has waited `patience` for it to end; `parent-read` {cancel, length}; `ended`
{cancel, exitcode}.
"""

import multiprocessing
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report  # noqa: E402

args = program_args(patience=3)
clock = Clock(args['unitMs'])
SIZE = 1024 * 1024


def fill(q, cancel, put_done):
    q.put('x' * SIZE)
    if cancel:
        q.cancel_join_thread()
    report('child-put', cancel=cancel)
    put_done.set()


if __name__ == '__main__':
    for cancel in (False, True):
        q = multiprocessing.Queue()
        put_done = multiprocessing.Event()
        p = multiprocessing.Process(target=fill, args=(q, cancel, put_done))
        p.start()
        put_done.wait()
        p.join(clock.seconds(args['patience']))
        report('after-join', cancel=cancel, alive=p.is_alive(), exitcode=p.exitcode)
        if p.is_alive():
            report('parent-read', cancel=cancel, length=len(q.get()))
        p.join()
        report('ended', cancel=cancel, exitcode=p.exitcode)
