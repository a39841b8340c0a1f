"""The adapter protocol, version 1 (docs/adapter-protocol.md): JSON lines over stdio.

Every line the driver writes goes through one Outbox, whose own thread does the writing, so actor
threads only enqueue an event (no I/O, no lock held across a write) and lines never interleave.
"""

import json
import os
import platform
import queue
import sys
import threading

from . import DRIVER_VERSION
from .socket_capabilities import SOCKET_CAPABILITIES
from .process_scenario_check import process_capabilities
from .coroutine_capabilities import coroutine_capabilities

PROTOCOL_VERSION = 1
SCENARIO_MODELS = [1]

# What this driver runs, honestly: thread actors and the thread-level primitives (sockets:
# SOCKET_CAPABILITIES; process actors and the example programs: process_capabilities(); the
# coroutine programs: coroutine_capabilities()).
# Tasks belong to a later issue.
CAPABILITIES = [
    "threads",
    "lock",
    "rlock",
    "semaphore",
    "bounded-semaphore",
    "event",
    "condition",
    "barrier",
    "queue",
    "lifo-queue",
    "priority-queue",
    "joinable-queue",
    "cell",
]


def gil_enabled():
    """False only on a free-threaded build (3.13+) running without its GIL."""
    probe = getattr(sys, "_is_gil_enabled", None)
    return True if probe is None else bool(probe())


def runtime():
    return "%s %s" % (platform.python_implementation(), platform.python_version())


def hello():
    capabilities = list(CAPABILITIES)
    capabilities += SOCKET_CAPABILITIES
    capabilities += process_capabilities()
    capabilities += coroutine_capabilities(capabilities)
    if platform.python_implementation() == "CPython" and gil_enabled():
        capabilities.append("gil")
    return {
        "type": "hello",
        "protocol": PROTOCOL_VERSION,
        "name": "python",
        "version": DRIVER_VERSION,
        "runtime": runtime(),
        "capabilities": capabilities,
        "scenarioModels": SCENARIO_MODELS,
    }


def error(message, request_id=None, fatal=False):
    m = {"type": "error", "message": message}
    if request_id is not None:
        m["id"] = request_id
    if fatal:
        m["fatal"] = True
    return m


def encode(message):
    # Tuples (priority queue items) become arrays; anything else unexpected is shown, not lost.
    text = json.dumps(message, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=repr)
    return (text + "\n").encode("utf-8")


class Outbox:
    """The only writer of stdout: a thread draining a queue, flushing after each batch."""

    _STOP = object()

    def __init__(self, stream):
        self._stream = stream
        self._queue = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._write_all, name="conform-outbox", daemon=True)
        self._thread.start()

    def send(self, message):
        self._queue.put(message)

    def flush(self, timeout=5.0):
        """Waits until everything sent so far is written (bounded)."""
        written = threading.Event()
        self._queue.put(written)
        written.wait(timeout)

    def _write_all(self):
        while True:
            batch = [self._queue.get()]
            while True:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            chunks = []
            markers = []
            for item in batch:
                if isinstance(item, threading.Event):
                    markers.append(item)
                else:
                    chunks.append(encode(item))
            try:
                if chunks:
                    self._stream.write(b"".join(chunks))
                    self._stream.flush()
            except (BrokenPipeError, OSError):
                # The harness is gone: nobody will read a result, so leave at once.
                os._exit(1)
            for marker in markers:
                marker.set()
