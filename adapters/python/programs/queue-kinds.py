"""000 线程队列与进程队列 / 001 17、进程的通信 / 003 22: a thread-level queue.Queue or
threading.Lock given to child processes, against a multiprocessing.Queue. A thread-level
object lives in its process's memory: under fork (Linux's start method, used here) each child
gets a private copy of it (under spawn it could not be sent at all: it cannot be pickled);
either way nothing a child puts reaches the parent, and no child is kept out by another's lock.

The lock experiment: two children each take the threading.Lock they were given and say so
(on a process queue), then wait to be let go; the parent counts how many held it at once.

Records: `start` {kind, error, message}; `parent-got` {kind, item} or `parent-got-nothing` {kind};
`held-at-once` {kind, count}.
"""

import multiprocessing
import os
import queue
import sys
import threading
from multiprocessing import Process

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report  # noqa: E402

args = program_args(patience=3)
clock = Clock(args['unitMs'])


def put_two(q):
    q.put(123)
    q.put(456)


def hold_lock(lock, held, go):
    lock.acquire()
    held.put(os.getpid())
    go.get()
    lock.release()


def try_start(kind, target, args_, count=1):
    """Starts `count` processes on target(*args_); the started ones, or None when start() refused."""
    started = []
    try:
        for _ in range(count):
            p = Process(target=target, args=args_)
            p.start()
            started.append(p)
        report('start', kind=kind, error='none', message='')
        return started
    except Exception as e:
        report('start', kind=kind, error=type(e).__name__, message=str(e))
        for p in started:
            p.join()
        return None


if __name__ == '__main__':
    patience = clock.seconds(args['patience'])
    # 线程队列 (无法共享一个线程队列)
    thread_queue = queue.Queue()
    for p in try_start('thread-queue', put_two, (thread_queue,)) or []:
        p.join()
    try:
        report('parent-got', kind='thread-queue', item=thread_queue.get(True, patience))
    except queue.Empty:
        report('parent-got-nothing', kind='thread-queue')

    held, go = multiprocessing.Queue(), multiprocessing.Queue()
    holders = try_start('thread-lock', hold_lock, (threading.Lock(), held, go), count=2)
    if holders is not None:
        count = 0
        for _ in holders:
            try:
                held.get(True, patience)
                count += 1
            except queue.Empty:
                break
        report('held-at-once', kind='thread-lock', count=count)
        for p in holders:
            go.put('go')
        for p in holders:
            p.join()

    # 进程队列
    q = multiprocessing.Queue()  # 注意:此处需用进程队列,不能用线程队列,即q=queue.Queue()
    started = try_start('process-queue', put_two, (q,))
    report('parent-got', kind='process-queue', item=q.get())
    report('parent-got', kind='process-queue', item=q.get())
    for p in started:
        p.join()
