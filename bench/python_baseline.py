"""CPython baseline for bench/run.ts: the same measurements as the reference benchmarks, with
threading.Lock and queue.Queue between threads of this interpreter. Standard library only.

Prints one JSON object on stdout:
  {"python_version": str, "implementation": str, "switch_interval_s": float,
   "samples": {figure id: [one number per measured repetition]}}
The figure ids match bench/figures.ts. Loops mirror bench/bench-worker.ts: the lock loop
increments a shared counter and records owner changes; the queue moves the ints 0..items-1.
"""

import argparse
import json
import platform
import queue
import sys
import threading
import time

WARMUP_S = 0.2


def lock_round(threads, duration_s):
    """Returns (pairs per second, owner changes per second) for one round."""
    lock = threading.Lock()
    shared = {"counter": 0, "last_holder": 0}
    stop = [False]
    start = threading.Event()
    results = [None] * threads

    def loop(index):
        me = index + 1
        acquisitions = 0
        owner_changes = 0
        start.wait()
        while not stop[0]:
            lock.acquire()
            shared["counter"] = shared["counter"] + 1
            if shared["last_holder"] != me:
                shared["last_holder"] = me
                owner_changes += 1
            lock.release()
            acquisitions += 1
        results[index] = (acquisitions, owner_changes)

    workers = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    started_at = time.perf_counter()
    start.set()
    time.sleep(duration_s)
    stop[0] = True
    stopped_at = time.perf_counter()
    for worker in workers:
        worker.join()

    acquisitions = sum(r[0] for r in results)
    owner_changes = sum(r[1] for r in results)
    if shared["counter"] != acquisitions:
        raise RuntimeError("lock did not exclude: counter %d, acquisitions %d" % (shared["counter"], acquisitions))
    seconds = stopped_at - started_at
    return acquisitions / seconds, owner_changes / seconds


def queue_round(maxsize, items):
    """Returns items per second for one round."""
    q = queue.Queue(maxsize)
    start = threading.Event()
    consumed = {}

    def produce():
        start.wait()
        for i in range(items):
            q.put(i)

    def consume():
        start.wait()
        total = 0
        for _ in range(items):
            total += q.get()
        consumed["finished_at"] = time.perf_counter()
        consumed["sum"] = total

    workers = [threading.Thread(target=produce), threading.Thread(target=consume)]
    for worker in workers:
        worker.start()
    started_at = time.perf_counter()
    start.set()
    for worker in workers:
        worker.join()

    expected = items * (items - 1) // 2
    if consumed.get("sum") != expected or q.qsize() != 0:
        raise RuntimeError("queue lost or duplicated items: sum %r, expected %d" % (consumed.get("sum"), expected))
    return items / (consumed["finished_at"] - started_at)


def repeat(measure_round, warmup, repetitions):
    """Runs warm-up rounds (discarded) and then the measured ones, as the TS side does."""
    for _ in range(warmup):
        measure_round(True)
    return [measure_round(False) for _ in range(repetitions)]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=1.0, help="seconds per lock round")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1, help="discarded rounds before each figure")
    parser.add_argument("--items", type=int, default=50000, help="items per queue round")
    args = parser.parse_args(argv)
    if args.duration <= 0 or args.repetitions < 1 or args.warmup < 0 or args.items < 1:
        parser.error("duration and items must be positive, repetitions >= 1, warmup >= 0")

    def lock_figure(threads):
        return repeat(lambda warm: lock_round(threads, min(WARMUP_S, args.duration) if warm else args.duration),
                      args.warmup, args.repetitions)

    contended = lock_figure(2)
    uncontended = lock_figure(1)
    unbounded = repeat(lambda warm: queue_round(0, args.items), args.warmup, args.repetitions)
    bounded = repeat(lambda warm: queue_round(1000, args.items), args.warmup, args.repetitions)

    json.dump({
        "python_version": platform.python_version(),
        "implementation": platform.python_implementation(),
        "switch_interval_s": sys.getswitchinterval(),
        "samples": {
            "lock.contended.pairs": [pairs for pairs, _ in contended],
            "lock.contended.owner-changes": [changes for _, changes in contended],
            "lock.uncontended.pairs": [pairs for pairs, _ in uncontended],
            "queue.unbounded.items": unbounded,
            "queue.bounded-1000.items": bounded,
        },
    }, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
