"""One scenario of process actors, from fresh multiprocessing objects to the `result` message.

Every actor is a real multiprocessing.Process (process_actor.py), all of one run in a process
group of their own (process_groups.Keeper) that the guardian knows about. The auto actors are
the driver's children, started before the clock and released together through a gate; manual
ones are started by their parent actors. The driver follows each actor process through a pidfd,
so it sees every end (a `terminate`, a daemon ended by its parent's exit handler) when it
happens: an op that was cut off is recorded as `info` then.

The run ends like a Python program: when no started non-daemonic actor is still running (then
daemonic ones still running are stopped), at the deadline, or when the driver fails inside an
actor. Whatever ends it, the whole group is killed with SIGKILL, so is every program an actor
was running, and the driver waits until none of them is left before it answers; events stamped
after the end was decided are dropped, so a stopped op stays `info`.
"""

import os
import selectors
import shutil
import tempfile
import time
import traceback

from .guardian import Guardian
from .process_actor import ORIGIN, ActorPlan
from .process_channel import EventChannel
from .process_groups import Keeper, kill_group_and_wait
from .process_objects import CellValues, close_process_objects, create_process_objects, fork_context

# Forking the auto actors is not part of the scenario's time, but it is bounded: the harness
# gives a run only a few seconds beyond its deadline.
SETUP_TIMEOUT_S = 3.0

_guardian = None


def the_guardian():
    """One guardian per driver, started with the first process scenario."""
    global _guardian
    if _guardian is None:
        _guardian = Guardian()
    return _guardian


class RunFailed(Exception):
    pass


def run_process_scenario(request_id, scenario, deadline_ms, recorder):
    """Returns (result message, whether the driver must exit): the latter only if a group would not empty."""
    started = time.monotonic()
    try:
        run = ProcessRun(scenario, deadline_ms, recorder)
    except Exception:
        duration = (time.monotonic() - started) * 1000.0
        return _crashed(request_id, "creating the shared objects failed:\n" + traceback.format_exc(), duration), False
    status, error, end_ms, unfinished, clean = run.execute()
    result = {"type": "result", "id": request_id, "status": status, "final": {"cells": run.final_cells}, "unfinished": unfinished, "durationMs": end_ms}
    if error is not None:
        result["error"] = error
    return result, not clean


def _crashed(request_id, why, duration):
    return {"type": "result", "id": request_id, "status": "crashed", "final": {"cells": {}}, "unfinished": [], "durationMs": duration, "error": why}


class ProcessRun:
    def __init__(self, scenario, deadline_ms, recorder):
        self._scenario = scenario
        self._deadline_ms = deadline_ms
        self._recorder = recorder
        self._ctx = fork_context()
        decls = scenario["objects"]
        self._created = create_process_objects(self._ctx, decls)
        self._cells = CellValues(self._created, decls)
        self.final_cells = self._cells.snapshot()
        self._actors = scenario["actors"]
        self._daemon = {a["name"]: a.get("daemon", False) for a in self._actors}
        # Per actor: its pidfd while it runs; whether it has exited; its open invocation.
        self._pidfds = {}
        self._exited = set()
        self._open = {}
        self._ready = set()
        self._programs = set()
        self._crash = None
        self._origin = None
        self._end_ms = None
        self._status = "crashed"
        self._selector = selectors.DefaultSelector()

    # -- the run --

    def execute(self):
        guardian = the_guardian()
        channel = self._channel = EventChannel()
        self._selector.register(channel.fileno(), selectors.EVENT_READ, None)
        gate_read, gate_write = os.pipe()
        # The run's files (its programs'): removed with the run, or by the guardian if the driver dies.
        scratch = tempfile.mkdtemp(prefix="run-", dir=guardian.scratch)
        keeper = Keeper()
        guardian.register(keeper.pgid)
        objects = {n: (self._scenario["objects"][n], o) for n, o in self._created.items()}
        plan = ActorPlan(self._ctx, self._scenario, objects, self._cells, channel, gate_read, keeper.pgid, guardian.fd, scratch)
        autos = {}
        status, error = "crashed", None
        try:
            try:
                for actor in self._actors:
                    if actor.get("start", "auto") == "auto":
                        autos[actor["name"]] = self._start_auto(plan, actor["name"], keeper.pgid)
                self._await_ready(autos)
            except RunFailed as e:
                error = str(e)
                self._end_ms = 0.0
            else:
                self._origin = time.monotonic_ns()
                _open_gate(gate_write, self._origin, len(autos))
                status, error = self._play()
            self._status = status
        finally:
            unfinished = [a["name"] for a in self._actors if a["name"] in self._pidfds]
            clean = self._conclude(keeper, guardian, autos)
            for fd in (gate_read, gate_write):
                os.close(fd)
            shutil.rmtree(scratch, ignore_errors=True)
        return status, error, self._end_ms, unfinished, clean

    def _start_auto(self, plan, name, pgid):
        p = plan.process_for(name, auto=True)
        p.start()
        try:
            os.setpgid(p.pid, pgid)
        except OSError:
            pass  # it did so itself, or it has already ended (its pidfd says which)
        self._track(name, os.pidfd_open(p.pid))
        return p

    def _await_ready(self, autos):
        until = time.monotonic() + SETUP_TIMEOUT_S
        while len(self._ready) < len(autos):
            if self._crash is not None:
                raise RunFailed(self._crash)
            if self._exited:
                raise RunFailed('actor "%s": its process ended before the run started' % sorted(self._exited)[0])
            remaining = until - time.monotonic()
            if remaining <= 0:
                raise RunFailed("the actors' processes were not ready within %.1f s" % SETUP_TIMEOUT_S)
            self._wait(remaining)

    def _play(self):
        deadline_at = self._origin + int(self._deadline_ms * 1e6)
        while True:
            if self._crash is not None:
                status = "crashed"
                break
            if not any(not self._daemon[name] for name in self._pidfds):
                status = "completed"
                break
            remaining = (deadline_at - time.monotonic_ns()) / 1e9
            if remaining <= 0:
                status = "deadline"
                break
            self._wait(remaining)
        self._end_ms = self._now_ms()
        return status, self._crash if status == "crashed" else None

    def _now_ms(self):
        return (time.monotonic_ns() - self._origin) / 1e6

    def _wait(self, timeout):
        """Handles what arrives within `timeout`: messages first, then the ends of processes."""
        ended = []
        for key, _ in self._selector.select(timeout):
            if key.data is not None:
                ended.append(key.data)
        # A process's last messages were sent before it ended: read them before its end.
        self._drain()
        for name in ended:
            self._ended(name)

    # -- what actors say --

    def _drain(self):
        while True:
            got = self._channel.receive()
            if got is None:
                return
            self._handle(*got)

    def _handle(self, message, fds):
        kind = message.get("t")
        name = message.get("actor")
        if kind in ("alive", "started"):
            if fds and name not in self._pidfds and name not in self._exited and self._end_ms is None:
                self._track(name, fds.pop(0))
            elif message.get("gone") and name not in self._pidfds:
                self._exited.add(name)
        elif kind == "event":
            self._record(message["event"])
        elif kind == "ready":
            self._ready.add(name)
        elif kind == "crash":
            if self._crash is None:
                self._crash = message["error"]
        elif kind == "program":
            self._programs.add(message["pgid"])
        elif kind == "program-ended":
            self._programs.discard(message["pgid"])
        for fd in fds:
            os.close(fd)

    def _record(self, event):
        if self._end_ms is not None and event["time"] > self._end_ms:
            return  # after the end was decided: the op stays open and becomes `info`
        if event["type"] == "invoke":
            self._open[event["actor"]] = event
        else:
            self._open.pop(event["actor"], None)
        self._recorder.record(event)

    def _track(self, name, pidfd):
        self._pidfds[name] = pidfd
        self._selector.register(pidfd, selectors.EVENT_READ, name)

    def _ended(self, name):
        """The actor's process has ended; an op it was in will never complete."""
        pidfd = self._pidfds.pop(name, None)
        if pidfd is None:
            return
        self._selector.unregister(pidfd)
        os.close(pidfd)
        self._exited.add(name)
        invoke = self._open.pop(name, None)
        if invoke is not None and self._origin is not None:
            info = {"type": "info", "actor": name, "f": invoke["f"], "message": "its process was terminated", "time": max(self._now_ms(), invoke["time"]), "path": invoke["path"]}
            if "target" in invoke:
                info["target"] = invoke["target"]
            self._recorder.record(info)

    # -- the end --

    def _conclude(self, keeper, guardian, autos):
        """Kills what is left, completes the history; True when nothing of the run is left."""
        if self._end_ms is None:
            self._end_ms = self._now_ms() if self._origin is not None else 0.0
        clean = keeper.end()
        if clean:
            guardian.withdraw(keeper.pgid)
        self._drain()  # every sender is gone: what they sent is all here
        for pgid in sorted(self._programs):
            if kill_group_and_wait(pgid):
                guardian.withdraw(pgid)
            else:
                clean = False
        for p in autos.values():
            p.join(1.0)
        why = {
            "completed": "daemon stopped: every non-daemon actor had finished",
            "deadline": "still blocked at the deadline (%g ms)" % self._deadline_ms,
        }
        self._recorder.seal(self._end_ms, why.get(self._status, "the run crashed"))
        self.final_cells = self._cells.snapshot()
        for pidfd in self._pidfds.values():
            os.close(pidfd)
        self._selector.close()
        self._channel.close()
        close_process_objects(self._created)
        return clean


def _open_gate(fd, origin_ns, count):
    data = ORIGIN.pack(origin_ns) * count
    while data:
        data = data[os.write(fd, data) :]
