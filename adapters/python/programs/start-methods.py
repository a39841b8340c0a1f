"""003 §16 ("linux : 子进程空间的初识数据完全是由主程序copy的") and 000 注意点 ("如果需要实现队列
共享,必须将队列作为参数进行传递"): what a child starts with under each start method.

For every start method (multiprocessing.get_all_start_methods()), the main process sets a
module global before start() and changes it after; the child says which value it sees. Then a
module-global Queue made by the main process is used by a child that was not given it, and
another Queue is passed as an argument. Under fork the child is a copy of the parent at start();
under spawn and forkserver it is a fresh interpreter that imported the module again, so it has
only the module's import-time state and what it was given.

Records: `start-methods` {default, all}; `child-sees` {method, data}; `global-queue-put`
{method, error} in the child; `global-queue` {method, got}; `passed-queue` {method, got}.
"""

import multiprocessing
import os
import queue
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report  # noqa: E402

args = program_args(patience=3)
clock = Clock(args['unitMs'])

IMPORT_TIME = 'import-time'
BEFORE_START = 'set by the parent before start'
AFTER_START = 'changed by the parent after start'

data = IMPORT_TIME
gq = None


def look(method, conn):
    conn.recv()  # the parent has changed its global by now
    report('child-sees', method=method, data=data)


def put_on_global(method):
    try:
        gq.put('from-global')
        report('global-queue-put', method=method, error=None)
    except Exception as e:
        report('global-queue-put', method=method, error=f'{type(e).__name__}: {e}')


def put_on_given(q):
    q.put('from-argument')


def got(q, timeout):
    try:
        return q.get(True, timeout)
    except queue.Empty:
        return None


if __name__ == '__main__':
    methods = multiprocessing.get_all_start_methods()
    report('start-methods', default=multiprocessing.get_start_method(), all=methods)
    patience = clock.seconds(args['patience'])
    for method in methods:
        ctx = multiprocessing.get_context(method)

        data = BEFORE_START
        mine, theirs = ctx.Pipe()
        p = ctx.Process(target=look, args=(method, theirs))
        p.start()
        data = AFTER_START
        mine.send('go')
        p.join()

        gq = ctx.Queue()
        p = ctx.Process(target=put_on_global, args=(method,))
        p.start()
        p.join()
        report('global-queue', method=method, got=got(gq, patience))

        q = ctx.Queue()
        p = ctx.Process(target=put_on_given, args=(q,))
        p.start()
        p.join()
        report('passed-queue', method=method, got=got(q, patience))
