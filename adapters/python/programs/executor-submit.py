"""003, 38-39: a ProcessPoolExecutor(4) (or a ThreadPoolExecutor with `kind: "thread"`) given ten
tasks three ways. `sync`: submit(...).result() inside the loop. `collect`: submit everything,
shutdown(wait=True), then read every result (and try one more submit). `callback`: submit with
add_done_callback(fn) and shutdown.

The listings sleep random.randint(0, 2) (async) or 1 (sync) seconds; here, as in the reference,
`seconds`. `warm` first runs one no-op per worker at once, so that every worker has started
before the tasks.

Records: `task-start` {i} / `task-end` {i} where the task runs; `submitted` {i};
`result` {i, value}; `shutdown-returned`; `submit-after-shutdown` {error, message};
`callback` {i, isFuture, value} in the submitting process; `add-done-callback-returned` {value}.
"""

import os
import sys
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report, say  # noqa: E402

args = program_args(mode='collect', kind='process', workers=4, tasks=10, seconds=1, warm=False)
clock = Clock(args['unitMs'])


def noop():
    return None


def task(i):
    say(f'{os.getpid()} is running', 'task-start', i=i)
    clock.sleep(args['seconds'])
    report('task-end', i=i)
    return f'{os.getpid()} is finish'


def parse_for(i):
    def parse(obj):
        report('callback', i=i, isFuture=isinstance(obj, Future), value=obj.result())
    return parse


if __name__ == '__main__':
    p = ProcessPoolExecutor(args['workers']) if args['kind'] == 'process' else ThreadPoolExecutor(args['workers'])
    if args['warm']:
        for warming in [p.submit(noop) for _ in range(args['workers'])]:
            warming.result()
    obj_l1 = []
    for i in range(args['tasks']):
        obj = p.submit(task, i)  # 异步发出.
        report('submitted', i=i)
        if args['mode'] == 'sync':
            # 同步发布任务
            value = obj.result()
            say(value, 'result', i=i, value=value)
        elif args['mode'] == 'callback':
            returned = obj.add_done_callback(parse_for(i))  # 增加一个回调函数
            report('add-done-callback-returned', value=None if returned is None else str(returned))
        obj_l1.append(obj)

    # 1. 阻止在向进程池投放新任务,
    # 2. wait = True 十个任务是10,一个任务完成了-1,直至为零.进行下一行.
    p.shutdown(wait=True)
    report('shutdown-returned')
    if args['mode'] == 'collect':
        for i, obj in enumerate(obj_l1):
            value = obj.result()
            say(value, 'result', i=i, value=value)
    try:
        p.submit(task, args['tasks'])
        report('submit-after-shutdown', error='none', message='')
    except Exception as e:
        report('submit-after-shutdown', error=type(e).__name__, message=str(e))
