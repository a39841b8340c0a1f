"""One process actor, inside its own OS process: a multiprocessing.Process whose target plays the ops.

Auto actors are Processes the driver starts; a manual actor is a Process its parent actor creates
and starts in the parent's own process when it performs `start` (as Process.start() forks), so
it is the parent's real child: `join`, `is_alive`, `terminate` and `exitcode` are the parent's
calls on its Process object, a daemonic actor's `start` fails with CPython's own AssertionError,
and when an actor's ops are done multiprocessing's exit handler terminates its daemonic children
and joins the others before the process ends. Events go to the driver over the event channel,
stamped on CLOCK_MONOTONIC (time.monotonic_ns(), which every process shares) from the run's
origin, which auto actors receive through the start gate and manual ones inherit from the
parent that forked them.
"""

import multiprocessing
import os
import struct
import sys
import time
import traceback

from .actor import ActorProgram
from .declared_sockets import DeclaredSockets
from .objects import TimeScale
from .process_channel import MessageTooLarge
from .process_objects import invoke_process_op
from .program_op import run_program
from . import guardian

ORIGIN = struct.Struct("=q")
CONTROL_OPS = ("start", "join", "is_alive", "terminate", "exitcode")


class ActorPlan:
    """What every actor process of one run inherits by fork: the scenario, the objects, the ways out."""

    def __init__(self, ctx, scenario, objects, cells, channel, gate_fd, pgid, guardian_fd, scratch):
        self.ctx = ctx
        self.scenario = scenario
        self.actors = {a["name"]: a for a in scenario["actors"]}
        self.objects = objects
        self.cells = cells
        self.channel = channel
        self.gate_fd = gate_fd
        self.pgid = pgid
        self.guardian_fd = guardian_fd
        self.scratch = scratch
        self.time = TimeScale(scenario["timeUnitMs"])
        self.origin_ns = None

    def process_for(self, name, auto):
        actor = self.actors[name]
        return self.ctx.Process(target=actor_main, args=(self, name, auto), name=name, daemon=actor.get("daemon", False))


def actor_main(plan, name, auto):
    """The target of every actor's Process."""
    _leave_the_drivers_streams()
    if auto:
        try:
            os.setpgid(0, plan.pgid)  # the driver does it too; whichever comes first
        except OSError:
            pass
    _announce(plan.channel, "alive", name, os.getpid())
    if auto:
        plan.channel.send({"t": "ready", "actor": name})
        plan.origin_ns = _wait_at_gate(plan.gate_fd)
    try:
        ProcessActorProgram(plan.actors[name], ActorContext(plan, name)).run()
    except BaseException:  # a bug of the driver, not an outcome of an op (those are recorded)
        plan.channel.send({"t": "crash", "actor": name, "error": 'actor "%s": the driver failed:\n%s' % (name, traceback.format_exc())})
    plan.channel.send({"t": "ops-done", "actor": name})
    # Returning lets multiprocessing's exit handler end this process as CPython ends any Process.


def _leave_the_drivers_streams():
    """Stdout is the driver's protocol channel, and its buffer's lock may have been held by the
    driver's writer thread at the fork: this process gets fresh streams of its own."""
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    os.close(devnull)
    sys.stdout = open(1, "w", closefd=False)
    sys.stderr = open(os.dup(2), "w", buffering=1)


def _announce(channel, kind, name, pid):
    """Tells the driver about a process of `name` with a pidfd: a name for it that no reuse of its pid can confuse."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        channel.send({"t": kind, "actor": name, "gone": True})
        return
    try:
        channel.send({"t": kind, "actor": name}, fds=[fd])
    finally:
        os.close(fd)


def _wait_at_gate(fd):
    data = b""
    while len(data) < ORIGIN.size:
        chunk = os.read(fd, ORIGIN.size - len(data))
        if not chunk:
            os._exit(0)  # the run ended before it started
        data += chunk
    return ORIGIN.unpack(data)[0]


class ChildRecorder:
    """The ActorProgram's recorder inside an actor process: events go to the driver as they happen."""

    def __init__(self, plan):
        self._plan = plan

    def now_ms(self):
        return (time.monotonic_ns() - self._plan.origin_ns) / 1e6

    def record(self, event):
        try:
            self._plan.channel.send({"t": "event", "event": event})
        except MessageTooLarge as e:
            if event["type"] != "ok":
                raise
            failed = {k: v for k, v in event.items() if k != "value"}
            failed.update(type="fail", error="ValueError", message="the value was too large to record: %s" % e)
            self._plan.channel.send({"t": "event", "event": failed})


class ActorContext:
    """What ActorProgram reads from its run (`recorder`, `cells`, `time`, `objects`, `declared_sockets`), for one process."""

    def __init__(self, plan, name):
        self.plan = plan
        self.name = name
        self.recorder = ChildRecorder(plan)
        self.cells = plan.cells
        self.time = plan.time
        self.objects = plan.objects
        # Process scenarios declare no sockets (process_scenario_check); an actor's own socket ops work.
        self.declared_sockets = DeclaredSockets({})
        self.children = {}

    def process(self, name):
        """This process's Process object for actor `name`: itself, a child it made, or a fresh unstarted one."""
        if name == self.name:
            return multiprocessing.current_process()
        p = self.children.get(name)
        if p is None:
            p = self.children[name] = self.plan.process_for(name, auto=False)
        return p


class ProcessActorProgram(ActorProgram):
    """The thread actor's program with the ops of processes, and multiprocessing's objects."""

    def _perform(self, op):
        name = op["op"]
        run = self._run
        if name in CONTROL_OPS:
            return self._control(name, op)
        if name == "program":
            return self._program(op)
        if "target" in op and name not in ("read", "write") and op["target"] in run.objects:
            decl, obj = run.objects[op["target"]]
            return invoke_process_op(obj, decl, op, run.time)
        return ActorProgram._perform(self, op)

    def _control(self, name, op):
        run = self._run
        target = op["actor"]
        if name == "start" and run.plan.actors[target].get("start", "auto") == "auto":
            raise AssertionError("cannot start a process twice")  # the driver started it
        p = run.process(target)
        if name == "start":
            p.start()
            _announce(run.plan.channel, "started", target, p.pid)
            return None
        if name == "join":
            return p.join(run.time.seconds(op.get("timeout")))
        if name == "is_alive":
            return p.is_alive()
        if name == "terminate":
            return p.terminate()
        return p.exitcode

    def _program(self, op):
        plan = self._run.plan
        channel = plan.channel

        def announce(pgid):
            # In the program's process, before it runs: the group is known before it can grow.
            guardian.write_record(plan.guardian_fd, pgid)
            channel.send({"t": "program", "pgid": pgid})

        args = dict(op.get("args") or {})
        args["unitMs"] = plan.scenario["timeUnitMs"]
        timeout = op.get("timeout")
        timeout_s = None if timeout is None else max(0, timeout) * plan.scenario["timeUnitMs"] / 1000.0
        transcript = run_program(op["name"], args, timeout_s, plan.origin_ns, announce, plan.scratch)
        guardian.write_record(plan.guardian_fd, -transcript["pid"])
        channel.send({"t": "program-ended", "pgid": transcript["pid"]})
        return transcript
