"""000 协程 优点 and 001 十三 协程 优点1: switching between coroutines against switching between
threads. N tasks pass one token around a ring, each `handoffs` times: generators resumed in
turn by a loop, and threads each waiting on its own Event and setting the next one's. Only
the passing is timed (the threads are started and waiting first), `rounds` times with the
same threads, each round between two barrier waits with the main thread; the first round of
each warms up and is not reported. Run for each N in `sizes`.

Records: `switch-cost` {tasks, switches, coroutineMs, threadMs} per round.
"""

import os
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import now, program_args, report  # noqa: E402

args = program_args(sizes=[2, 6], handoffs=200, rounds=5)


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


def relay(mine, following, handoffs, rounds, gate):
    for _ in range(rounds):
        gate.wait()
        for _ in range(handoffs):
            mine.wait()
            mine.clear()
            following.set()
        gate.wait()


def thread_ring(tasks):
    """Each round's time for the token to go `handoffs` times round a ring of `tasks` threads."""
    events = [threading.Event() for _ in range(tasks)]
    gate = threading.Barrier(tasks + 1)
    threads = [threading.Thread(target=relay, args=(mine, events[(i + 1) % tasks], args["handoffs"], args["rounds"], gate)) for i, mine in enumerate(events)]
    for t in threads:
        t.start()
    times = []
    for _ in range(args["rounds"]):
        gate.wait()
        start = now()
        events[0].set()
        gate.wait()
        times.append(now() - start)
        # The last handoff of the round set the first thread's event again.
        events[0].clear()
    for t in threads:
        t.join()
    return times


if __name__ == '__main__':
    for tasks in args["sizes"]:
        thread_times = thread_ring(tasks)
        for r in range(1, args["rounds"]):
            report('switch-cost', tasks=tasks, switches=tasks * args["handoffs"], coroutineMs=coroutine_ring(tasks), threadMs=thread_times[r])
