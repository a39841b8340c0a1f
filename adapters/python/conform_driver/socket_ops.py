"""The socket ops of the scenario model, performed with CPython's own `socket` module.

Each op is the Python call it names (`recv` is `s.recv(n)`, `setsockopt` is
`s.setsockopt(level, option, value)`), so whatever CPython returns or raises is what gets
recorded: errors keep their class name (BlockingIOError, ConnectionResetError, TimeoutError,
OverflowError, ...) and `str(e)` (`[Errno 11] Resource temporarily unavailable`). Timeouts arrive
in scenario units and leave in them.
"""

import os
import socket
import stat

from .bytes_json import bytes_to_json

FAMILIES = {"inet": socket.AF_INET, "inet6": socket.AF_INET6, "unix": getattr(socket, "AF_UNIX", None)}
TYPES = {"stream": socket.SOCK_STREAM, "dgram": socket.SOCK_DGRAM}
SHUTDOWN = {"SHUT_RD": socket.SHUT_RD, "SHUT_WR": socket.SHUT_WR, "SHUT_RDWR": socket.SHUT_RDWR}
OPTIONS = {
    "SO_REUSEADDR": (socket.SOL_SOCKET, socket.SO_REUSEADDR),
    "TCP_NODELAY": (socket.IPPROTO_TCP, socket.TCP_NODELAY),
    "SO_RCVBUF": (socket.SOL_SOCKET, socket.SO_RCVBUF),
}


def _timeouts_named_alike(call):
    """Before 3.10 socket.timeout was a class of its own, named `timeout`; the model calls it TimeoutError."""

    def performed(net, op):
        try:
            return call(net, op)
        except socket.timeout as e:
            if type(e).__name__ == "TimeoutError":
                raise
            raise TimeoutError(*e.args) from e

    return performed


def address_json(address):
    """An address as the history records it: tuples become arrays, a path stays a string, None is null."""
    if isinstance(address, tuple):
        return list(address)
    if isinstance(address, bytes):  # an abstract AF_UNIX name
        return address.decode("utf-8", "backslashreplace")
    return address


def _received(data, op):
    return len(data) if op.get("as") == "length" else bytes_to_json(data)


def _socket(net, op):
    s = socket.socket(FAMILIES[op.get("family", "inet")], TYPES[op.get("type", "stream")])
    return net.store(op["into"], s)


def _bind(net, op):
    net.socket(op["target"]).bind(net.address(op["address"]))
    return None


def _listen(net, op):
    s = net.socket(op["target"])
    if "backlog" in op:
        s.listen(op["backlog"])
    else:
        s.listen()  # CPython's own default backlog
    return None


def _accept(net, op):
    conn, peer = net.socket(op["target"]).accept()
    peer = address_json(peer)
    net.put(op.get("addressInto"), peer)
    return [net.store(op["into"], conn), peer]


def _connect(net, op):
    net.socket(op["target"]).connect(net.address(op["address"]))
    return None


def _send(net, op):
    return net.socket(op["target"]).send(net.data(op["data"]))


def _sendall(net, op):
    return net.socket(op["target"]).sendall(net.data(op["data"]))


def _sendto(net, op):
    return net.socket(op["target"]).sendto(net.data(op["data"]), net.address(op["address"]))


def _recv(net, op):
    value = _received(net.socket(op["target"]).recv(op["n"]), op)
    net.put(op.get("into"), value)
    return value


def _recvfrom(net, op):
    data, sender = net.socket(op["target"]).recvfrom(op["n"])
    value = _received(data, op)
    sender = address_json(sender)
    net.put(op.get("into"), value)
    net.put(op.get("addressInto"), sender)
    return [value, sender]


def _shutdown(net, op):
    return net.socket(op["target"]).shutdown(SHUTDOWN[op["how"]])


def _close(net, op):
    return net.socket(op["target"]).close()


def _setblocking(net, op):
    return net.socket(op["target"]).setblocking(op["flag"])


def _getblocking(net, op):
    return net.socket(op["target"]).getblocking()


def _settimeout(net, op):
    return net.socket(op["target"]).settimeout(net.time.seconds(op["timeout"]))


def _gettimeout(net, op):
    seconds = net.socket(op["target"]).gettimeout()
    # In units, rounded as the reference rounds, so 0.03 s at 10 ms a unit reads 3, not 2.9999999999999996.
    return None if seconds is None else round(seconds * 1000.0 / net.time.unit_ms * 1e9) / 1e9


def _setsockopt(net, op):
    level, option = OPTIONS[op["option"]]
    return net.socket(op["target"]).setsockopt(level, option, op["value"])


def _getsockopt(net, op):
    level, option = OPTIONS[op["option"]]
    return net.socket(op["target"]).getsockopt(level, option)


def _getsockname(net, op):
    address = address_json(net.socket(op["target"]).getsockname())
    net.put(op.get("into"), address)
    return address


def _getpeername(net, op):
    address = address_json(net.socket(op["target"]).getpeername())
    net.put(op.get("into"), address)
    return address


def _socket_info(net, op):
    s = net.socket(op["target"])
    info = {"family": s.family.name, "type": s.type.name}
    name = s.getsockname() if s.family == socket.AF_UNIX else None
    # For an AF_UNIX socket bound to a path: what is at the path (a socket inode, and its size).
    if isinstance(name, str) and name and not name.startswith("\0"):
        try:
            st = os.stat(name)
            info["path"] = {"is_socket": stat.S_ISSOCK(st.st_mode), "size": st.st_size}
        except OSError:
            info["path"] = None
    return info


SOCKET_OPS = {
    name: _timeouts_named_alike(call)
    for name, call in {
        "socket": _socket,
        "bind": _bind,
        "listen": _listen,
        "accept": _accept,
        "connect": _connect,
        "send": _send,
        "sendall": _sendall,
        "sendto": _sendto,
        "recv": _recv,
        "recvfrom": _recvfrom,
        "shutdown": _shutdown,
        "close": _close,
        "setblocking": _setblocking,
        "getblocking": _getblocking,
        "settimeout": _settimeout,
        "gettimeout": _gettimeout,
        "setsockopt": _setsockopt,
        "getsockopt": _getsockopt,
        "getsockname": _getsockname,
        "getpeername": _getpeername,
        "socket_info": _socket_info,
    }.items()
}
