"""The scenario's shared objects as CPython's own: threading and queue, called as a program would.

`acquire` is `obj.acquire(blocking, timeout)`, `join_queue` is `q.join()`, and so on. Timeouts
arrive in scenario units and leave in seconds; an absent timeout is the method's own default
(-1 for Lock/RLock.acquire, None elsewhere); a negative timeout is passed through unscaled, so
CPython's own reaction to it (ValueError, "no timeout") is what gets recorded.
"""

import queue
import threading

from .json_items import from_priority_item, to_priority_item

SEMAPHORES = ("semaphore", "bounded-semaphore")


class TimeScale:
    def __init__(self, unit_ms):
        self.unit_ms = unit_ms

    def seconds(self, units):
        """A timeout in units as seconds; None stays None (wait forever)."""
        if units is None:
            return None
        return units if units < 0 else units * self.unit_ms / 1000.0


def create_objects(decls):
    """Every declared object except cells (the run's own), conditions last so their lock exists."""
    created = {}
    ordered = [n for n, d in decls.items() if d["type"] not in ("condition", "cell")]
    ordered += [n for n, d in decls.items() if d["type"] == "condition"]
    for name in ordered:
        created[name] = _construct(decls[name], created)
    return created


def _construct(decl, created):
    t = decl["type"]
    if t == "lock":
        return threading.Lock()
    if t == "rlock":
        return threading.RLock()
    if t == "semaphore":
        return threading.Semaphore(decl.get("value", 1))
    if t == "bounded-semaphore":
        return threading.BoundedSemaphore(decl.get("value", 1))
    if t == "event":
        return threading.Event()
    if t == "condition":
        return threading.Condition(created[decl["lock"]]) if "lock" in decl else threading.Condition()
    if t == "barrier":
        return threading.Barrier(decl["parties"])
    if t == "queue":
        maxsize = decl.get("maxsize", 0)
        order = decl.get("order", "fifo")
        if order == "lifo":
            return queue.LifoQueue(maxsize)
        if order == "priority":
            return queue.PriorityQueue(maxsize)
        # queue.Queue always has task_done/join, so `joinable` needs nothing more.
        return queue.Queue(maxsize)
    raise ValueError("no such object type: %s" % t)


def invoke(obj, decl, op, time):
    """Performs one primitive op and returns its Python return value (None for None)."""
    name = op["op"]
    t = decl["type"]
    priority = t == "queue" and decl.get("order") == "priority"
    if name == "acquire":
        blocking = op.get("blocking", True)
        timeout = time.seconds(op.get("timeout"))
        if t in SEMAPHORES:
            return obj.acquire(blocking, timeout)
        # Lock/RLock (and a Condition's lock): -1 means no timeout, as in the C lock.
        return obj.acquire(blocking, -1 if timeout is None else timeout)
    if name == "release":
        if t in SEMAPHORES:
            return obj.release(op.get("n", 1))
        return obj.release()
    if name == "set":
        return obj.set()
    if name == "clear":
        return obj.clear()
    if name == "is_set":
        return obj.is_set()
    if name == "wait":
        return obj.wait(time.seconds(op.get("timeout")))
    if name == "notify":
        return obj.notify(op.get("n", 1))
    if name == "notify_all":
        return obj.notify_all()
    if name == "abort":
        return obj.abort()
    if name == "reset":
        return obj.reset()
    if name == "put":
        item = to_priority_item(op["item"]) if priority else op["item"]
        return obj.put(item, op.get("block", True), time.seconds(op.get("timeout")))
    if name == "get":
        item = obj.get(op.get("block", True), time.seconds(op.get("timeout")))
        return from_priority_item(item) if priority else item
    if name == "put_nowait":
        return obj.put_nowait(to_priority_item(op["item"]) if priority else op["item"])
    if name == "get_nowait":
        item = obj.get_nowait()
        return from_priority_item(item) if priority else item
    if name == "qsize":
        return obj.qsize()
    if name == "empty":
        return obj.empty()
    if name == "full":
        return obj.full()
    if name == "task_done":
        return obj.task_done()
    if name == "join_queue":
        return obj.join()
    raise NotImplementedError("no operation %s on a %s" % (name, t))
