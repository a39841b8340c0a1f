"""Process groups, the unit in which the driver kills what a run started.

A run's actor processes share one process group, led by a keeper process that does nothing but
exist (a group lives as long as one member does, and the keeper keeps the id taken for the whole
run). One SIGKILL to the group then ends every actor and everything an actor forked, even a
child forked at that very moment: Linux does not let a fork escape a signal sent to its group.
A program the `program` op runs leads a group (and session) of its own, counted and killed the
same way. Members are found in /proc; zombies have ended and hold nothing, so they do not count.
"""

import os
import signal
import time

KILL_WAIT_S = 5.0


def live_members(pgid):
    """Pids of the group's processes that have not ended (zombies excluded)."""
    members = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return members
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry, "rb") as f:
                stat = f.read().decode("utf-8", "replace")
        except OSError:
            continue  # it ended while we looked
        # "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses.
        fields = stat[stat.rfind(")") + 2 :].split(" ")
        if len(fields) > 2 and fields[2] == str(pgid) and fields[0] not in ("Z", "X"):
            members.append(int(entry))
    return members


def kill_group(pgid):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass  # nobody left in the group


def kill_group_and_wait(pgid, bound_s=KILL_WAIT_S):
    """SIGKILL to the group until no live member is left (bounded); True when it is empty."""
    until = time.monotonic() + bound_s
    while True:
        kill_group(pgid)
        if not live_members(pgid):
            return True
        if time.monotonic() >= until:
            return False
        time.sleep(0.005)


class Keeper:
    """The leader of a run's process group: forked from the driver, it only waits to be killed."""

    def __init__(self):
        pid = os.fork()
        if pid == 0:  # pragma: no cover (the keeper's side)
            try:
                os.setpgid(0, 0)
                devnull = os.open(os.devnull, os.O_RDWR)
                for fd in (0, 1, 2):
                    os.dup2(devnull, fd)
                os.closerange(3, 65536)
                while True:
                    signal.pause()
            finally:
                os._exit(0)
        try:
            # Also from this side, so that the group exists as soon as fork returns here.
            os.setpgid(pid, pid)
        except OSError:
            pass  # the keeper did it first
        self.pid = pid
        self.pgid = pid

    def end(self):
        """Kills the whole group (the keeper with it), waits for it to empty, reaps the keeper."""
        emptied = kill_group_and_wait(self.pgid)
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        return emptied
