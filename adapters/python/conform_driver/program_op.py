"""The `program` op: runs CPython's version of a documented example program and returns its transcript.

The contract is docs/example-programs.md, the same as the reference's
(harness/adapters/reference/process-executor/program-runner.ts): `python3
adapters/python/programs/<name>.py '<json args>'` in a session and process group of its own,
with CONFORM_TRACE_FILE (where it appends its records) and CONFORM_CLOCK_ORIGIN_NS (the
scenario's origin on CLOCK_MONOTONIC) in its environment and a TMPDIR of its own. `timeout`
counts from the program's first record, and ends it (`timedOut`). When its main process has
exited, the members of its group still running are counted (`survivors`), then the whole group
is killed. The transcript: pid, exitCode, signal, timedOut, survivors, records (in time order),
and the last 4096 characters of stdout and stderr.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from .process_groups import kill_group, kill_group_and_wait, live_members

PROGRAMS_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "programs")
# Another directory of programs (the driver's tests use one with programs made to misbehave).
PROGRAMS_DIR_VARIABLE = "CONFORM_PYTHON_PROGRAMS"
OUTPUT_TAIL_CHARS = 4096
POLL_S = 0.01
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class NotSupported(Exception):
    """The scenario model's name for an op the implementation cannot perform."""


def program_path(name):
    """The CPython program called `name`, or None when there is none."""
    if not isinstance(name, str) or not _NAME.match(name):
        return None
    path = os.path.join(os.environ.get(PROGRAMS_DIR_VARIABLE) or PROGRAMS_DIR, name + ".py")
    return path if os.path.isfile(path) else None


class _Tail:
    """Keeps the last characters a pipe delivers, read on a thread so the pipe never fills."""

    def __init__(self, stream):
        self._stream = stream
        self._chunks = []
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self):
        kept = 0
        for chunk in iter(lambda: self._stream.read1(65536), b""):
            self._chunks.append(chunk)
            kept += len(chunk)
            if kept > 8 * OUTPUT_TAIL_CHARS:
                joined = b"".join(self._chunks)[-4 * OUTPUT_TAIL_CHARS :]
                self._chunks = [joined]
                kept = len(joined)
        self._stream.close()

    def text(self, wait_s=1.0):
        self._thread.join(wait_s)
        return b"".join(self._chunks).decode("utf-8", "replace")[-OUTPUT_TAIL_CHARS:]


def run_program(name, args, timeout_s, origin_ns, announce, scratch):
    """Runs the program to its end (or its timeout) and returns the transcript.

    `announce(pgid)` is called in the program's own process before it execs, so that the group
    is known (to the driver and its guardian) before the program can start anything. Its files
    go in a directory under `scratch`, which the driver removes with the run, whatever happened.
    """
    path = program_path(name)
    if path is None:
        raise NotSupported('this implementation has no example program "%s"' % name)
    workdir = tempfile.mkdtemp(prefix="program-", dir=scratch)
    try:
        return _run_in(path, json.dumps(args), timeout_s, origin_ns, announce, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _run_in(path, args_json, timeout_s, origin_ns, announce, workdir):
    trace_file = os.path.join(workdir, "trace.jsonl")
    tmp = os.path.join(workdir, "tmp")
    os.mkdir(tmp)
    env = dict(os.environ, CONFORM_TRACE_FILE=trace_file, CONFORM_CLOCK_ORIGIN_NS=str(origin_ns), TMPDIR=tmp, PYTHONDONTWRITEBYTECODE="1")
    child = subprocess.Popen(
        [sys.executable, path, args_json],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=workdir,
        start_new_session=True,
        preexec_fn=lambda: announce(os.getpid()),
    )
    pid = child.pid
    stdout, stderr = _Tail(child.stdout), _Tail(child.stderr)
    timed_out = False
    try:
        timed_out = _wait(child, trace_file, timeout_s)
        survivors = [] if timed_out else live_members(pid)
    finally:
        kill_group_and_wait(pid)
        child.wait()
    code = child.returncode
    return {
        "pid": pid,
        "exitCode": code if code >= 0 else None,
        "signal": signal.Signals(-code).name if code < 0 else None,
        "timedOut": timed_out,
        "survivors": len(survivors),
        "records": _read_records(trace_file),
        "stdout": stdout.text(),
        "stderr": stderr.text(),
    }


def _wait(child, trace_file, timeout_s):
    """Waits for the main process to exit; True when the timeout (from the first record) ended it."""
    if timeout_s is None:
        child.wait()
        return False
    kill_at = None
    while True:
        try:
            child.wait(POLL_S)
            return False
        except subprocess.TimeoutExpired:
            pass
        now = time.monotonic()
        if kill_at is None:
            if _has_records(trace_file):
                kill_at = now + timeout_s
        elif now >= kill_at:
            kill_group(child.pid)
            child.wait()
            return True


def _has_records(trace_file):
    try:
        return os.stat(trace_file).st_size > 0
    except OSError:
        return False


def _read_records(trace_file):
    try:
        with open(trace_file, "r", encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
    except OSError:
        return []
    records = []
    for line in lines:
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except ValueError:
            pass  # a line cut short by a kill
    # Each process appends its own records; one list in clock order reads like one output.
    records.sort(key=lambda r: r["time"] if isinstance(r, dict) and isinstance(r.get("time"), (int, float)) else 0)
    return records
