"""000: "如果不调用(join),相当于什么都没有执行"? A Pool(2) is given three tasks and the main
program ends without close()/join(). So that the outcome does not hang on how fast the
workers start, main first waits (on a semaphore the tasks release) until one task has started
(`waitFor: "start"`) or every task has ended (`waitFor: "end"`), as the reference does.

A multiprocessing.Semaphore cannot be pickled into a pool task ("should only be shared between
processes through inheritance"), so the workers inherit it: it is made before the Pool forks them.

Records: `task-start` {i}, `task-end` {i} in the workers, `main-ends` when main's code ends.
"""

import multiprocessing
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report, say  # noqa: E402

args = program_args(tasks=3, seconds=3, waitFor='start')
clock = Clock(args['unitMs'])
progress = None


def task(i):
    say(f'task {i} started', 'task-start', i=i)
    if args['waitFor'] == 'start':
        progress.release()
    clock.sleep(args['seconds'])
    say(f'task {i} finished', 'task-end', i=i)
    if args['waitFor'] == 'end':
        progress.release()


if __name__ == '__main__':
    progress = multiprocessing.Semaphore(0)
    pool = multiprocessing.Pool(2)
    for i in range(args['tasks']):
        pool.apply_async(func=task, args=(i,))
    waits = 1 if args['waitFor'] == 'start' else args['tasks']
    for _ in range(waits):
        progress.acquire()
    report('main-ends')
