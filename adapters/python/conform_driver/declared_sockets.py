"""The scenario's declared sockets: opened before the actors start, shared by all of them.

Each is bound on loopback (an ephemeral port, or a fresh AF_UNIX path in a directory of its own)
and, for listeners, listening, exactly as a program would set it up before starting its threads;
`{"of": name}` is the address it was bound to. CPython lets any thread use any socket, so every
actor operates on the same socket object. They live until the run ends; the AF_UNIX directory
is removed then, whatever happened.
"""

import os
import shutil
import socket
import tempfile

from .socket_signatures import SOCKET_OBJECT_TYPES

_LOOPBACK = {"inet": "127.0.0.1", "inet6": "::1"}
_FAMILIES = {"inet": socket.AF_INET, "inet6": socket.AF_INET6, "unix": getattr(socket, "AF_UNIX", None)}


def is_socket_decl(decl):
    return decl["type"] in SOCKET_OBJECT_TYPES


def _family(decl):
    return "unix" if decl["type"] == "unix-listener" else decl.get("family", "inet")


class DeclaredSockets:
    """The declared sockets of one run, by name, with the address each is bound to."""

    def __init__(self, decls):
        self.sockets = {}
        self._addresses = {}
        self._directory = None
        try:
            for slot, (name, decl) in enumerate(d for d in decls.items() if is_socket_decl(d[1])):
                self.sockets[name] = self._open(decl, slot)
                self._addresses[name] = self.sockets[name].getsockname()
        except BaseException:
            self.close()
            raise

    def _open(self, decl, slot):
        family = _family(decl)
        kind = socket.SOCK_DGRAM if decl["type"] == "udp-socket" else socket.SOCK_STREAM
        s = socket.socket(_FAMILIES[family], kind)
        try:
            if "reuseaddr" in decl:
                # Absent: CPython's default (SO_REUSEADDR off); set either way when the scenario says.
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1 if decl["reuseaddr"] else 0)
            if family == "unix":
                if self._directory is None:
                    self._directory = tempfile.mkdtemp(prefix="conform-unix-")
                s.bind(os.path.join(self._directory, "%d.sock" % slot))
            else:
                s.bind((_LOOPBACK[family], 0))
            if kind == socket.SOCK_STREAM and "backlog" in decl:
                s.listen(decl["backlog"])
            elif kind == socket.SOCK_STREAM:
                s.listen()  # CPython's own default backlog
            return s
        except BaseException:
            s.close()
            raise

    def address_of(self, name):
        """The address `{"of": name}` stands for."""
        if name not in self._addresses:
            raise NameError('no declared socket "%s"' % name)
        return self._addresses[name]

    def close(self, sockets_too=True):
        """Removes the AF_UNIX directory and, unless threads may still use them, closes the sockets."""
        if sockets_too:
            for s in self.sockets.values():
                s.close()
        if self._directory is not None:
            shutil.rmtree(self._directory, ignore_errors=True)
            self._directory = None
