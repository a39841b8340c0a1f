"""One actor's program, played on its own thread: each op recorded as `invoke`, then `ok` or `fail`.

An op that raises is recorded as `fail` with the exception's class name (queue.Full is `Full`,
threading.BrokenBarrierError is `BrokenBarrierError`, ...) and the actor goes on with its next
op, as if every call were wrapped in try/except (docs/scenario-model.md, execution rule 1).
"""

import time

from .actor_sockets import ActorSockets
from .json_equality import json_equal
from .objects import invoke
from .selector_ops import Dispatch
from .socket_signatures import SOCKET_OP_NAMES

_NO_VALUE = object()
_SUBJECT_KEYS = ("op", "target", "actor")


def error_name(exc):
    """The normalised error name: CPython's class name, which is what the scenario model uses."""
    return type(exc).__name__


class ActorProgram:
    def __init__(self, actor, run):
        self._actor = actor
        self._name = actor["name"]
        self._run = run
        self._registers = {}
        self._sockets = ActorSockets(run.declared_sockets, self._registers, run.time)

    def run(self):
        try:
            for i, op in enumerate(self._actor["ops"]):
                self._step(op, [i])
        finally:
            self._sockets.close()

    def _step(self, op, path):
        if op["op"] == "repeat":
            for k in range(op["times"]):
                for j, inner in enumerate(op["body"]):
                    self._step(inner, path + [k, j])
            return
        if op["op"] == "when":
            branch = 0 if json_equal(self._evaluate(op["value"]), op["equals"]) else 1
            for j, inner in enumerate(op["then"] if branch == 0 else op.get("else", [])):
                self._step(inner, path + [branch, j])
            return
        base = {"actor": self._name, "f": op["op"]}
        subject = self._sockets.target_of(op) if op["op"] in SOCKET_OP_NAMES else op.get("target", op.get("actor"))
        if subject is not None:
            base["target"] = subject
        args = {k: v for k, v in op.items() if k not in _SUBJECT_KEYS}
        recorder = self._run.recorder
        event = dict(base, type="invoke", time=recorder.now_ms(), path=path)
        if args:
            event["args"] = args
        recorder.record(event)
        try:
            value = self._perform(op)
        except Exception as e:  # every exception is an outcome of the op, never of the driver
            recorder.record(dict(base, type="fail", error=error_name(e), message=str(e), time=recorder.now_ms(), path=path))
            return
        dispatch = value if isinstance(value, Dispatch) else None
        if dispatch is not None:
            value = dispatch.value
        done = dict(base, type="ok", time=recorder.now_ms(), path=path)
        if value is not _NO_VALUE:
            done["value"] = value
        recorder.record(done)
        # A dispatching selector_select's handlers: the events of ready key k carry [..., k, j].
        for k, (bind, ops) in enumerate(dispatch.calls if dispatch is not None else ()):
            bind()
            for j, inner in enumerate(ops):
                self._step(inner, path + [k, j])

    def _perform(self, op):
        name = op["op"]
        run = self._run
        if name == "sleep":
            time.sleep(run.time.seconds(op["units"]))
            return None
        if name == "mark":
            return self._evaluate(op["value"]) if "value" in op else _NO_VALUE
        if name == "read":
            value = run.cells[op["target"]]
            if "into" in op:
                self._registers[op["into"]] = value
            return value
        if name == "write":
            value = self._evaluate(op["value"])
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError("a cell holds numbers, not %r" % (value,))
            run.cells[op["target"]] = value
            return None
        if name == "start":
            return run.threads[op["actor"]].start()
        if name == "join":
            return run.threads[op["actor"]].join(run.time.seconds(op.get("timeout")))
        if name == "is_alive":
            return run.threads[op["actor"]].is_alive()
        if name in SOCKET_OP_NAMES:
            return self._sockets.perform(op)
        entry = run.objects.get(op["target"])
        if entry is None:
            raise NameError('no object named "%s"' % op["target"])
        decl, obj = entry
        return invoke(obj, decl, op, run.time)

    def _evaluate(self, expr):
        if not isinstance(expr, dict):
            return expr
        if expr["reg"] not in self._registers:
            raise NameError('register "%s" has not been read into yet' % expr["reg"])
        value = self._registers[expr["reg"]]
        if "add" not in expr:
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError('cannot add to register "%s" holding %r' % (expr["reg"], value))
        return value + expr["add"]
