"""One scenario, from fresh objects to the `result` message.

Every actor is a real threading.Thread (daemon flag as declared). `auto` actors are started
first and wait at a gate; the clock starts when all of them are ready and the gate opens, so
thread start-up never shows in the timings. `manual` actors are started by another actor's
`start` op with Thread.start(), as a program would.

The run ends like a Python program: when no started non-daemon actor is still running. At the
deadline it ends anyway. CPython cannot kill a thread, so an actor still blocked at the end (a
deadlock, a daemon) stays blocked: its pending op is recorded as `info`, the result says
`exiting`, and the driver exits after sending it; the harness starts a new one.
"""

import threading
import time
import traceback

from .actor import ActorProgram
from .declared_sockets import DeclaredSockets, is_socket_decl
from .objects import TimeScale, create_objects
from .process_run import run_process_scenario

# Starting threads is not part of the scenario's time, but it is bounded: the harness gives a
# run only a few seconds beyond its deadline.
SETUP_TIMEOUT_S = 2.0


class RunContext:
    """What every actor of one run shares."""

    def __init__(self, scenario, recorder):
        decls = scenario["objects"]
        created = create_objects({name: d for name, d in decls.items() if not is_socket_decl(d)})
        self.objects = {name: (decls[name], obj) for name, obj in created.items()}
        # Bound (and listening) before any actor starts, so every actor can address them.
        self.declared_sockets = DeclaredSockets(decls)
        self.cells = {name: d.get("initial", 0) for name, d in decls.items() if d["type"] == "cell"}
        self.time = TimeScale(scenario["timeUnitMs"])
        self.recorder = recorder
        self.threads = {}


class ActorStates:
    """Which actors have finished, and the first failure of the driver itself inside a thread."""

    def __init__(self):
        self.changed = threading.Condition()
        self.finished = set()
        self.crash = None

    def finish(self, name, crash=None):
        with self.changed:
            self.finished.add(name)
            if crash is not None and self.crash is None:
                self.crash = crash
            self.changed.notify_all()


def run_scenario(request_id, scenario, deadline_ms, recorder):
    """Returns (result message, whether the driver must exit because threads are still running)."""
    if any(a["kind"] == "process" for a in scenario["actors"]):
        return run_process_scenario(request_id, scenario, deadline_ms, recorder)
    started = time.monotonic()

    def crashed(why, exiting):
        cells = {name: d.get("initial", 0) for name, d in scenario["objects"].items() if d["type"] == "cell"}
        duration = (time.monotonic() - started) * 1000.0
        return {"type": "result", "id": request_id, "status": "crashed", "final": {"cells": cells}, "unfinished": [], "durationMs": duration, "error": why}, exiting

    try:
        ctx = RunContext(scenario, recorder)
    except Exception:
        return crashed("creating the shared objects failed:\n" + traceback.format_exc(), False)

    states = ActorStates()
    gate = threading.Event()
    ready = threading.Semaphore(0)
    actors = scenario["actors"]
    for actor in actors:
        program = ActorProgram(actor, ctx)
        auto = actor.get("start", "auto") == "auto"
        target = _actor_body(actor["name"], program, states, gate if auto else None, ready)
        ctx.threads[actor["name"]] = threading.Thread(target=target, name=actor["name"], daemon=actor.get("daemon", False))

    autos = [a["name"] for a in actors if a.get("start", "auto") == "auto"]
    for name in autos:
        ctx.threads[name].start()
    setup_until = time.monotonic() + SETUP_TIMEOUT_S
    for _ in autos:
        if not ready.acquire(timeout=max(0.0, setup_until - time.monotonic())):
            gate.set()  # let the ready ones run into a sealed recorder rather than wait forever
            recorder.start_clock()
            recorder.seal(0.0, "the run never started")
            ctx.declared_sockets.close(sockets_too=False)
            return crashed("the actors' threads were not ready within %.1f s" % SETUP_TIMEOUT_S, True)

    recorder.start_clock()
    gate.set()
    deadline_at = recorder.started_at() + deadline_ms / 1000.0

    def still_running():
        return [a["name"] for a in actors if ctx.threads[a["name"]].ident is not None and a["name"] not in states.finished]

    def awaited():
        return [a["name"] for a in actors if not a.get("daemon", False) and a["name"] in still_running()]

    with states.changed:
        while True:
            if states.crash is not None:
                status = "crashed"
                break
            if not awaited():
                status = "completed"
                break
            remaining = deadline_at - time.monotonic()
            if remaining <= 0:
                status = "deadline"
                break
            states.changed.wait(remaining)
        end_ms = recorder.now_ms()
        unfinished = still_running()

    why = {
        "completed": "daemon stopped: every non-daemon actor had finished",
        "deadline": "still blocked at the deadline (%g ms)" % deadline_ms,
        "crashed": "the run crashed",
    }[status]
    recorder.seal(end_ms, why)
    # Finished actors are leaving their threads now; only those still inside an op keep us from reuse.
    for name in states.finished:
        ctx.threads[name].join(1.0)
    exiting = any(t.is_alive() for t in ctx.threads.values())
    # A thread still blocked in accept or recv keeps its socket until the driver exits.
    ctx.declared_sockets.close(sockets_too=not exiting)
    result = {
        "type": "result",
        "id": request_id,
        "status": status,
        "final": {"cells": dict(ctx.cells)},
        "unfinished": unfinished,
        "durationMs": end_ms,
    }
    if status == "crashed":
        result["error"] = states.crash
    return result, exiting


def _actor_body(name, program, states, gate, ready):
    def body():
        crash = None
        try:
            if gate is not None:
                ready.release()
                gate.wait()
            program.run()
        except BaseException:  # a bug of the driver, not an outcome of an op (those are recorded)
            crash = 'actor "%s": the driver failed:\n%s' % (name, traceback.format_exc())
        finally:
            states.finish(name, crash)

    return body
