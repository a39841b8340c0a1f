"""000, 进程池 and 设置回调; 001, 进程池: a Pool(2) runs five 2-second tasks foo(i), which return
i + 100, either with apply() (one at a time) or apply_async() (optionally with a callback that
prints the value and its own pid). `failAt` makes task i raise instead (error_callback).

`warm` (the reference's too) first runs one no-op per worker, so that every worker has started
before the tasks and process start-up does not decide the timings.

Records: `main` {} first; `task-start` {i} / `task-end` {i} in the workers; `callback`
{value} and `error-callback` {error} in the main process; `main-done` after join().
"""

import multiprocessing
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report, say  # noqa: E402

args = program_args(mode='apply_async', processes=2, tasks=5, seconds=2, callback=False, failAt=-1, warm=False)
clock = Clock(args['unitMs'])


def foo(i):
    # 运行在子进程
    report('task-start', i=i)
    clock.sleep(args['seconds'])
    if i == args['failAt']:
        raise ValueError(f'task {i} failed')
    say(f'foo {i} , time = {time.ctime()}', 'task-end', i=i)
    return int(i) + 100


def noop():
    return None


def foo_callback(i):
    # 回调函数运行在主进程
    say(f'callback {i}', 'callback', value=i)
    print(f'进程 {os.getpid()}')


def error_callback(e):
    say(f'error {e}', 'error-callback', error=type(e).__name__)


if __name__ == '__main__':
    pool = multiprocessing.Pool(args['processes'])
    if args['warm']:
        for warming in [pool.apply_async(noop) for _ in range(args['processes'])]:
            warming.get()
    say(f'主进程 {os.getpid()}', 'main')

    for i in range(args['tasks']):
        if args['mode'] == 'apply':
            pool.apply(func=foo, args=(i,))
        elif args['callback']:
            pool.apply_async(func=foo, args=(i,), callback=foo_callback, error_callback=error_callback)
        else:
            pool.apply_async(func=foo, args=(i,))

    # 进程池的 close 必须放在 join 前面 (调用顺序是固定的)
    pool.close()
    pool.join()
    report('main-done')
