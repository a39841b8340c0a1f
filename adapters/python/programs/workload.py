"""003 §34-35 and §37, 001 14、任务类型: the measurements behind the documents' advice (CPU-bound
work wants processes, IO-bound work threads; starting a process costs more than starting a
thread; a pool saves the start-up). The documents give no listing for these, so this program is
the suite's (the reference's is impl/examples/workload.ts): it runs the same `tasks` under each
of `strategies`, `rounds` times, the strategies interleaved (the order rotates every round) so
that a change of load on the machine hits all of them alike, and reports how long each took.

Modes: `cpu` (`seconds` of computation per task, calibrated first: `work` `python` is a plain
counting loop, bytecode under the GIL; `native` hashes 1 MB buffers, and hashlib releases the
GIL), `io` (each task sleeps `seconds`), `start` (each task does nothing). `timeFrom` `go` (the
default for `cpu`) times workers from a go signal given once every one has started to the last
one's done signal, so start-up does not count; `start` (the default otherwise) from before the
first start to the last join. Strategies: `serial`, `threads`, `processes`,
`threads-one-core` (the threads pinned to one CPU), `pool` (a ProcessPoolExecutor of `workers`
created and shut down inside the timing).

Besides the elapsed `ms`, each timing reports `cpuMs`: the CPU time the program and its ended
children used meanwhile (what the work cost the machine, which a loaded machine does not inflate
as it inflates elapsed time).

Records: `runtime` {gil, cpus, freeThreadedBuild}; `calibrated` {work, amount};
`timed` {strategy, round, ms, cpuMs}.
"""

import hashlib
import multiprocessing
import os
import sys
import sysconfig
import threading
import time
from concurrent.futures import ProcessPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from support.trace import Clock, program_args, report  # noqa: E402

MB = bytes(1 << 20)


def compute(work, amount):
    """The unit of CPU-bound work: `amount` steps of a counting loop, or `amount` hashes of 1 MB."""
    if work == "native":
        last = b""
        for _ in range(amount):
            last = hashlib.sha256(MB).digest()
        return len(last)
    n = amount
    x = 0
    while n > 0:
        x = (x + n) % 1000003
        n -= 1
    return x


def perform(work, amount):
    if work == "sleep":
        time.sleep(amount / 1000.0)
    elif work != "nothing":
        compute(work, amount)


def task(work, amount, sync=None):
    """A worker's body: with `sync`, it says it is ready, waits for the go, and says when it is done."""
    if sync is not None:
        ready, go, done = sync
        ready.release()
        go.wait()
    perform(work, amount)
    if sync is not None:
        done.release()


def nothing():
    return None


def calibrate(work, ms):
    """How many steps of `work` take `ms` here, now: doubled until measurable, then scaled twice."""
    def took(amount):
        started = time.perf_counter()
        compute(work, amount)
        return (time.perf_counter() - started) * 1000

    amount = 1 if work == "native" else 100_000
    while took(amount) < 50:
        amount *= 2
    amount = max(1, round(amount * ms / took(amount)))
    return max(1, round(amount * ms / took(amount)))


def cpu_ms():
    """CPU ms used so far by every thread of this process (precise) and its reaped children (ticks)."""
    t = os.times()
    return (time.process_time() + t.children_user + t.children_system) * 1000


def gil_enabled():
    probe = getattr(sys, "_is_gil_enabled", None)
    return True if probe is None else bool(probe())


class Runner:
    def __init__(self, args):
        self.args = args

    def workers(self, kind, work, amount):
        tasks = self.args["tasks"]
        time_from = self.args.get("timeFrom") or ("go" if self.args["mode"] == "cpu" else "start")
        sync = (multiprocessing.Semaphore(0), multiprocessing.Event(), multiprocessing.Semaphore(0)) if time_from == "go" else None
        make = threading.Thread if kind == "thread" else multiprocessing.Process
        started = time.perf_counter()
        workers = [make(target=task, args=(work, amount, sync)) for _ in range(tasks)]
        for w in workers:
            w.start()
        if sync is None:
            for w in workers:
                w.join()
            return (time.perf_counter() - started) * 1000
        ready, go, done = sync
        for _ in range(tasks):
            ready.acquire()
        go_at = time.perf_counter()
        go.set()
        for _ in range(tasks):
            done.acquire()
        ms = (time.perf_counter() - go_at) * 1000
        for w in workers:
            w.join()
        return ms

    def pool(self, work, amount):
        started = time.perf_counter()
        with ProcessPoolExecutor(self.args["workers"]) as pool:
            futures = [pool.submit(nothing) if work == "nothing" else pool.submit(task, work, amount) for _ in range(self.args["tasks"])]
            for f in futures:
                f.result()
        return (time.perf_counter() - started) * 1000

    def serial(self, work, amount):
        started = time.perf_counter()
        for _ in range(self.args["tasks"]):
            perform(work, amount)
        return (time.perf_counter() - started) * 1000

    def timed(self, strategy, work, amount):
        if strategy == "serial":
            return self.serial(work, amount)
        if strategy == "threads":
            return self.workers("thread", work, amount)
        if strategy == "processes":
            return self.workers("process", work, amount)
        if strategy == "threads-one-core":
            # Linux affinity is per thread; the threads started after this inherit it.
            everything = os.sched_getaffinity(0)
            os.sched_setaffinity(0, {min(everything)})
            try:
                return self.workers("thread", work, amount)
            finally:
                os.sched_setaffinity(0, everything)
        if strategy == "pool":
            return self.pool(work, amount)
        raise ValueError("unknown strategy %r" % strategy)


def main():
    args = program_args(mode="cpu", work="python", tasks=2, seconds=2, rounds=3, workers=2, strategies=["serial", "threads", "processes"])
    clock = Clock(args["unitMs"])
    report("runtime", gil=gil_enabled(), cpus=os.cpu_count(), freeThreadedBuild=bool(sysconfig.get_config_var("Py_GIL_DISABLED")))
    if args["mode"] == "cpu":
        work = args["work"]
        amount = calibrate(work, clock.seconds(args["seconds"]) * 1000)
        report("calibrated", work=work, amount=amount)
    else:
        work = "sleep" if args["mode"] == "io" else "nothing"
        amount = clock.seconds(args["seconds"]) * 1000
    runner = Runner(args)
    strategies = args["strategies"]
    for round_ in range(args["rounds"]):
        order = [strategies[(i + round_) % len(strategies)] for i in range(len(strategies))]
        for strategy in order:
            cpu_before = cpu_ms()
            ms = runner.timed(strategy, work, amount)
            cpu = cpu_ms() - cpu_before
            print("round %d %s: %.1f ms (CPU %.1f ms)" % (round_, strategy, ms, cpu), flush=True)
            report("timed", strategy=strategy, round=round_, ms=ms, cpuMs=cpu)


if __name__ == "__main__":
    main()
