"""How a CPython program reports what it does under the suite's `program` op.

The contract (docs/example-programs.md) is the same in every language: arguments arrive as one
JSON object in sys.argv[1], always with `unitMs` (how many milliseconds one of the document's
seconds lasts); each event is one JSON line appended to the file named by CONFORM_TRACE_FILE,
stamped with milliseconds since CONFORM_CLOCK_ORIGIN_NS on CLOCK_MONOTONIC, which every process
of the machine shares (time.monotonic_ns() reads it). Processes the program starts inherit
both variables, so children report on the same clock.
"""

import json
import os
import sys
import threading
import time

_TRACE_FILE = os.environ.get("CONFORM_TRACE_FILE")
_ORIGIN = int(os.environ.get("CONFORM_CLOCK_ORIGIN_NS") or time.monotonic_ns())
# A program run by hand starts the clock itself; the processes it starts inherit it.
os.environ["CONFORM_CLOCK_ORIGIN_NS"] = str(_ORIGIN)


def now():
    """Milliseconds on the program's clock (the scenario's, under the suite)."""
    return (time.monotonic_ns() - _ORIGIN) / 1e6


def report(event, **fields):
    """Appends one record: {time, pid, [thread], event, **fields}.

    One os.write of the whole line on an O_APPEND descriptor: each write lands at the end of
    the file as a unit, so the lines of processes reporting at once stay whole.
    """
    if _TRACE_FILE is None:
        return
    record = {"time": now(), "pid": os.getpid()}
    if threading.current_thread() is not threading.main_thread():
        record["thread"] = threading.get_ident()
    record["event"] = event
    record.update(fields)
    line = (json.dumps(record, ensure_ascii=False, default=repr) + "\n").encode("utf-8")
    fd = os.open(_TRACE_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


def say(text, event, **fields):
    """Prints the document's line and reports it as `event` (with the line as `text`)."""
    print(text, flush=True)
    report(event, text=text, **fields)


def program_args(**defaults):
    """The program's arguments: JSON in sys.argv[1] over its defaults; `unitMs` defaults to 1000."""
    given = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    args = {"unitMs": 1000}
    args.update(defaults)
    args.update(given)
    return args


class Clock:
    """Scales the document's seconds: sleep(n) lasts n * unitMs milliseconds."""

    def __init__(self, unit_ms):
        self.unit_ms = unit_ms

    def seconds(self, n):
        return n * self.unit_ms / 1000.0

    def sleep(self, n):
        time.sleep(self.seconds(n))
