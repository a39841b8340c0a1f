"""000 通过yield实现协程 and 003 42. 协程: generator coroutines. A consumer sent a value before
it is primed; the producer/consumer with c1.__next__() first; func1/func2 alternating with
time.sleep (which blocks: yield switches only where it is written); and the computation of
task1/task2 run serially and interleaved with yield, timed `repeats` times. The listing's
endless producer makes `rounds` rounds here, as in the reference.

Records: `primed` {error, message}; `produce` {n}, `consume` {consumer, data, ident};
`func2` {k}, `func1` {i}, `sleep-start`/`sleep-end` {task}; `timing` {serialCpuMs, yieldCpuMs} (CPU time, time.process_time(): the listing's time.time()
on a loaded machine would mostly time the other processes).
"""

import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report, say  # noqa: E402

args = program_args(rounds=2, prints=4, iterations=100000, repeats=5)
clock = Clock(args["unitMs"])


def consumer(name):
    say('开始消费数据', 'consumer-starts', consumer=name)
    while True:
        data = yield
        say(f'{name} 消费 {data}', 'consume', consumer=name, data=data, ident=threading.get_ident())
        clock.sleep(1)


def primed_rule():
    try:
        consumer('C0').send(1)
        report('primed', error='none', message='')
    except Exception as e:
        report('primed', error=type(e).__name__, message=str(e))


def producer(c1, c2):
    c1.__next__()
    c2.__next__()
    n = 0
    for _ in range(args["rounds"]):
        clock.sleep(1)
        say(f'生产 {n} , {n+1}', 'produce', n=n)
        c1.send(n)
        c2.send(n + 1)
        n += 2


def sleep_as(task):
    report('sleep-start', task=task)
    clock.sleep(1)
    report('sleep-end', task=task)


def func1():
    for i in range(args["prints"] + 1):
        yield
        say('这是我第%s次打印啦' % i, 'func1', i=i)
        sleep_as('func1')


def func2():
    g = func1()
    for k in range(args["prints"]):
        say('哈哈，我第%s次打印了' % k, 'func2', k=k)
        sleep_as('func2')
        next(g)


def serial():
    start = time.process_time()
    res = 1
    for i in range(1, args["iterations"]):
        res += i
    res = 1
    for i in range(1, args["iterations"]):
        res -= i
    return (time.process_time() - start) * 1000


def task1():
    res = 1
    for i in range(1, args["iterations"]):
        res += i
        yield res


def interleaved():
    start = time.process_time()
    g = task1()
    res = 1
    for i in range(1, args["iterations"]):
        res -= i
        next(g)
    return (time.process_time() - start) * 1000


if __name__ == '__main__':
    primed_rule()
    producer(consumer('C1'), consumer('C2'))
    func2()
    for _ in range(args["repeats"]):
        serial_ms = serial()
        yield_ms = interleaved()
        say(f'串行消耗时间:{serial_ms / 1000} 协程消耗时间:{yield_ms / 1000}', 'timing', serialCpuMs=serial_ms, yieldCpuMs=yield_ms)
