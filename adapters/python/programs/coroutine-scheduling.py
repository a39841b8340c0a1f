"""000 协程 and 003 42. 协程, what the definitions say of coroutines, shown with generators on a
round-robin loop and with asyncio tasks: a coroutine that never yields keeps the others from
running; a read-modify-write with no yield inside needs no lock (and one with a yield inside
loses updates); CPU-bound coroutines take as long as the serial work, all on one thread; a
blocking call in one task stalls the others; many idle tasks wait together.

Records: `tick` {i}, `hog-start`/`hog-end`; `counter` {switchInside, final, expected};
`cpu` {serialMs, serialCpuMs, coroutineMs, coroutineCpuMs, threads}
(wall-clock and CPU time of the process: on a loaded machine only CPU time measures the work); `ticker` {i}, `block-start`/`block-end`;
`many` {tasks, elapsedMs, sleepMs}.
"""

import asyncio
import os
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, now, program_args, report  # noqa: E402

# CPython computes about a tenth as fast as the reference's JIT: a tenth of its work.
args = program_args(ticks=6, hogUnits=2, tasks=3, increments=200, work=200000, repeats=5, blockUnits=3, many=10000)
clock = Clock(args["unitMs"])


def round_robin(tasks):
    """Runs generators in turn, each until its next yield, until all have returned."""
    ready = list(tasks)
    while ready:
        task = ready.pop(0)
        try:
            next(task)
            ready.append(task)
        except StopIteration:
            pass


def busy(ms):
    end = now() + ms
    while now() < end:
        pass


def ticker():
    for i in range(args["ticks"]):
        report('tick', i=i)
        yield


def hog():
    yield
    report('hog-start')
    busy(args["hogUnits"] * args["unitMs"])
    report('hog-end')


def counters():
    for switch_inside in (False, True):
        shared = {'value': 0}

        def incrementer():
            for _ in range(args["increments"]):
                seen = shared['value']
                if switch_inside:
                    yield
                shared['value'] = seen + 1
                yield

        round_robin([incrementer() for _ in range(args["tasks"])])
        report('counter', switchInside=switch_inside, final=shared['value'], expected=args["tasks"] * args["increments"])


def cruncher(threads, chunks):
    for _ in range(chunks):
        threads.add(threading.get_ident())
        x = 0
        for i in range(args["work"] // chunks):
            x += i % 7
        yield


def cpu():
    for _ in range(args["repeats"]):
        threads = set()
        start = now()
        cpu_start = time.process_time()
        for _ in range(args["tasks"]):
            round_robin([cruncher(threads, 1)])
        serial_cpu_ms = (time.process_time() - cpu_start) * 1000
        serial_ms = now() - start
        start = now()
        cpu_start = time.process_time()
        round_robin([cruncher(threads, 50) for _ in range(args["tasks"])])
        coroutine_cpu_ms = (time.process_time() - cpu_start) * 1000
        coroutine_ms = now() - start
        report('cpu', serialMs=serial_ms, serialCpuMs=serial_cpu_ms, coroutineMs=coroutine_ms, coroutineCpuMs=coroutine_cpu_ms, threads=sorted(threads))


async def blocking():
    stop = False

    async def ticking():
        i = 0
        while not stop:
            report('ticker', i=i)
            i += 1
            await asyncio.sleep(args["unitMs"] / 10000)

    t = asyncio.create_task(ticking())
    await asyncio.sleep(clock.seconds(0.5))
    report('block-start')
    clock.sleep(args["blockUnits"])
    report('block-end')
    await asyncio.sleep(clock.seconds(0.5))
    stop = True
    await t


async def many_tasks():
    start = now()
    await asyncio.gather(*(asyncio.sleep(clock.seconds(2)) for _ in range(args["many"])))
    report('many', tasks=args["many"], elapsedMs=now() - start, sleepMs=2 * args["unitMs"])


if __name__ == '__main__':
    round_robin([ticker(), hog()])
    counters()
    cpu()
    asyncio.run(blocking())
    asyncio.run(many_tasks())
