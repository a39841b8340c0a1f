"""000 协程 优点 and 001 十三 协程 优点1: switching between coroutines against switching between
threads. N tasks pass one token around a ring, each `handoffs` times: generators resumed in
turn by a loop, and threads each waiting on its own Event and setting the next one's. Only
the passing is timed (the threads are started and waiting first). Run for each N in `sizes`.

Records: `switch-cost` {tasks, switches, coroutineMs, threadMs}.
"""

import os
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import now, program_args, report  # noqa: E402

args = program_args(sizes=[2, 4], handoffs=200)


def coroutine_ring(tasks):
    token = [0]

    def member():
        for _ in range(args["handoffs"]):
            token[0] += 1
            yield

    ring = [member() for _ in range(tasks)]
    start = now()
    while ring:
        task = ring.pop(0)
        try:
            next(task)
            ring.append(task)
        except StopIteration:
            pass
    took = now() - start
    assert token[0] == tasks * args["handoffs"]
    return took


def relay(mine, following, handoffs):
    for _ in range(handoffs):
        mine.wait()
        mine.clear()
        following.set()


def thread_ring(tasks):
    events = [threading.Event() for _ in range(tasks)]
    threads = [threading.Thread(target=relay, args=(mine, events[(i + 1) % tasks], args["handoffs"])) for i, mine in enumerate(events)]
    for t in threads:
        t.start()
    start = now()
    events[0].set()
    for t in threads:
        t.join()
    return now() - start


if __name__ == '__main__':
    for tasks in args["sizes"]:
        coroutine_ms = coroutine_ring(tasks)
        thread_ms = thread_ring(tasks)
        report('switch-cost', tasks=tasks, switches=tasks * args["handoffs"], coroutineMs=coroutine_ms, threadMs=thread_ms)
