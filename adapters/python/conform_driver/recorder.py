"""The run's history: Jepsen-style events stamped on one monotonic clock, streamed as they happen.

Each actor has at most one invocation without a completion. When the run ends with actors still
blocked (the deadline, or daemons stopped at the end) those invocations are completed with `info`
and the recorder is sealed: a thread that wakes up later records nothing, so the history the
harness receives is exactly the one the result describes.
"""

import threading
import time


class Recorder:
    def __init__(self, outbox, request_id):
        self._outbox = outbox
        self._id = request_id
        self._lock = threading.Lock()
        self._pending = {}
        self._sealed = False
        self._t0 = None

    def start_clock(self):
        self._t0 = time.monotonic()

    def started_at(self):
        return self._t0

    def now_ms(self):
        return (time.monotonic() - self._t0) * 1000.0

    def record(self, event):
        with self._lock:
            if self._sealed:
                return
            if event["type"] == "invoke":
                self._pending[event["actor"]] = event
            else:
                self._pending.pop(event["actor"], None)
            self._outbox.send({"type": "event", "id": self._id, "event": event})

    def seal(self, end_ms, why):
        """Completes every open invocation with `info` and records nothing more."""
        with self._lock:
            self._sealed = True
            for invoke in self._pending.values():
                info = {"type": "info", "actor": invoke["actor"], "f": invoke["f"], "message": why, "time": max(end_ms, invoke["time"]), "path": invoke["path"]}
                if "target" in invoke:
                    info["target"] = invoke["target"]
                self._outbox.send({"type": "event", "id": self._id, "event": info})
            self._pending.clear()
