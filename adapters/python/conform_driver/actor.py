"""One actor's program, played on its own thread: each op recorded as `invoke`, then `ok` or `fail`.

An op that raises is recorded as `fail` with the exception's class name (queue.Full is `Full`,
threading.BrokenBarrierError is `BrokenBarrierError`, ...) and the actor goes on with its next
op, as if every call were wrapped in try/except (docs/scenario-model.md, execution rule 1).
"""

import time

from .objects import invoke

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

    def run(self):
        for i, op in enumerate(self._actor["ops"]):
            self._step(op, [i])

    def _step(self, op, path):
        if op["op"] == "repeat":
            for k in range(op["times"]):
                for j, inner in enumerate(op["body"]):
                    self._step(inner, path + [k, j])
            return
        base = {"actor": self._name, "f": op["op"]}
        subject = op.get("target", op.get("actor"))
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
        done = dict(base, type="ok", time=recorder.now_ms(), path=path)
        if value is not _NO_VALUE:
            done["value"] = value
        recorder.record(done)

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
