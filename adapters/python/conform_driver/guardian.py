"""The guardian: kills the process groups a dead driver leaves behind.

At a deadline the harness kills the driver's whole process group. The groups the driver made
itself (a run's actors, a program and its children) are not in it, so a small process of its own
session watches the driver through a pidfd and knows every such group: the driver and its actor
processes register a group (+pgid) as soon as it exists and withdraw it (-pgid) once it is empty.
When the driver ends, however it ends, the guardian kills every group still registered, and any
registered after that, until no process can register any more (its registration pipe reaches
end of file), then removes the driver's scratch directory (where runs keep their programs'
files, which a process killed in the middle of a program cannot remove) and exits.

Run as `python3 guardian.py <driver pid> <scratch directory>` with the registration pipe as
stdin; the driver side is `Guardian`.
"""

import os
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile

RECORD = struct.Struct("=q")
# After the driver's end, how long processes that may still register (a program being exec'd)
# are waited for.
LAST_REGISTRATIONS_S = 10.0


class Guardian:
    """The driver's side: starts the guardian once and writes registrations to it."""

    def __init__(self):
        self.scratch = tempfile.mkdtemp(prefix="conform-driver-")
        read_end, self._write_end = os.pipe()
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-B", os.path.abspath(__file__), str(os.getpid()), self.scratch],
                stdin=read_end,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        finally:
            os.close(read_end)

    @property
    def fd(self):
        """The registration pipe's write end, inherited by every actor process."""
        return self._write_end

    def register(self, pgid):
        write_record(self._write_end, pgid)

    def withdraw(self, pgid):
        write_record(self._write_end, -pgid)


def write_record(fd, value):
    """One whole record (a pipe write this small is atomic); a gone guardian is not an error here."""
    try:
        os.write(fd, RECORD.pack(value))
    except OSError:
        pass


def _kill(pgid):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except OSError:
        pass


def _watch(driver_pid):
    try:
        driver = os.pidfd_open(driver_pid)
    except OSError:
        driver = None  # already gone: whatever is registered is an orphan
    groups = set()
    pending = b""
    driver_gone = driver is None
    inputs = [0] if driver_gone else [0, driver]
    while True:
        timeout = LAST_REGISTRATIONS_S if driver_gone else None
        ready, _, _ = select.select(inputs, [], [], timeout)
        if not ready:
            return groups  # nobody registered anything for a while after the driver's end
        if driver is not None and driver in ready:
            driver_gone = True
            inputs = [0]
            os.close(driver)
            driver = None
            for pgid in groups:
                _kill(pgid)
        if 0 in ready:
            chunk = os.read(0, 4096)
            if not chunk:
                if driver_gone:
                    return groups
                inputs = [driver]
                continue
            pending += chunk
            usable = len(pending) - len(pending) % RECORD.size
            for (value,) in RECORD.iter_unpack(pending[:usable]):
                if value > 0:
                    groups.add(value)
                    if driver_gone:
                        _kill(value)
                else:
                    groups.discard(-value)
            pending = pending[usable:]


def main():
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    groups = _watch(int(sys.argv[1]))
    for pgid in groups:
        _kill(pgid)
    shutil.rmtree(sys.argv[2], ignore_errors=True)


if __name__ == "__main__":
    main()
