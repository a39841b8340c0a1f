"""The shared objects of a process scenario as multiprocessing's own, called as a program would.

They are created in the driver before any actor process is forked, so every actor inherits the
same semaphores, pipes and shared memory (the fork start method, Linux's default, which is what
the documents describe). An op is the multiprocessing call it names: `acquire` is
`obj.acquire(block, timeout)` with multiprocessing's defaults (timeout None; a negative or zero
one only tries once, as SemLock does), `release` of a semaphore takes no count (CPython's own
TypeError when one is given), `task_done` on a plain Queue is CPython's AttributeError. A cell is
a `Value('d', lock=False)`: shared memory with no lock, the target of racy read-modify-write.
"""

import multiprocessing

# What multiprocessing offers for each object type of the scenario model (docs/scenario-model.md).
PROCESS_OBJECT_TYPES = ("lock", "rlock", "semaphore", "bounded-semaphore", "event", "condition", "barrier", "queue", "cell")


def fork_context():
    """The documents' start method: a child starts as a copy of its parent."""
    return multiprocessing.get_context("fork")


def unsupported_decl(decl):
    """Why a declaration has no multiprocessing counterpart, or None when it has one."""
    t = decl["type"]
    if t not in PROCESS_OBJECT_TYPES:
        return "multiprocessing has no process-level %s here" % t
    if t == "queue" and decl.get("order", "fifo") != "fifo":
        return "multiprocessing has no %s queue" % decl["order"]
    return None


def create_process_objects(ctx, decls):
    """Every declared object, conditions last so that the lock they name exists."""
    created = {}
    ordered = [n for n, d in decls.items() if d["type"] != "condition"]
    ordered += [n for n, d in decls.items() if d["type"] == "condition"]
    for name in ordered:
        created[name] = _construct(ctx, decls[name], created)
    return created


def _construct(ctx, decl, created):
    t = decl["type"]
    if t == "lock":
        return ctx.Lock()
    if t == "rlock":
        return ctx.RLock()
    if t == "semaphore":
        return ctx.Semaphore(decl.get("value", 1))
    if t == "bounded-semaphore":
        return ctx.BoundedSemaphore(decl.get("value", 1))
    if t == "event":
        return ctx.Event()
    if t == "condition":
        return ctx.Condition(created[decl["lock"]]) if "lock" in decl else ctx.Condition()
    if t == "barrier":
        return ctx.Barrier(decl["parties"])
    if t == "queue":
        maxsize = decl.get("maxsize", 0)
        return ctx.JoinableQueue(maxsize) if decl.get("joinable", False) else ctx.Queue(maxsize)
    if t == "cell":
        return ctx.Value("d", decl.get("initial", 0), lock=False)
    raise ValueError("no process-level %s" % t)


def close_process_objects(created):
    """Releases the driver's ends of the queues' pipes; the rest goes with garbage collection."""
    for obj in created.values():
        if hasattr(obj, "join_thread"):
            try:
                obj.close()
            except (OSError, ValueError):
                pass


class CellValues:
    """The cells as the thread actor's program reads and writes them: a mapping of numbers."""

    def __init__(self, created, decls):
        self._values = {name: created[name] for name, d in decls.items() if d["type"] == "cell"}

    def __getitem__(self, name):
        return self._values[name].value

    def __setitem__(self, name, value):
        self._values[name].value = value

    def snapshot(self):
        return {name: self._number(v.value) for name, v in self._values.items()}

    @staticmethod
    def _number(x):
        return int(x) if float(x).is_integer() else x


def invoke_process_op(obj, decl, op, time):
    """Performs one op on a multiprocessing object and returns its Python return value."""
    name = op["op"]
    if name == "acquire":
        return obj.acquire(op.get("blocking", True), time.seconds(op.get("timeout")))
    if name == "release":
        # SemLock.release() takes no count: passing one is CPython's TypeError, not ours.
        return obj.release(op["n"]) if "n" in op else obj.release()
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
        return obj.put(op["item"], op.get("block", True), time.seconds(op.get("timeout")))
    if name == "get":
        return obj.get(op.get("block", True), time.seconds(op.get("timeout")))
    if name == "put_nowait":
        return obj.put_nowait(op["item"])
    if name == "get_nowait":
        return obj.get_nowait()
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
    raise NotImplementedError("no operation %s on a %s" % (name, decl["type"]))
