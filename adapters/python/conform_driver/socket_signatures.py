"""The socket part of the scenario model's tables (harness/scenario/socket-signatures.ts), in Python.

scenario_check merges these into OP_SIGNATURES and OBJECT_FIELDS, so the driver checks socket
ops with exactly the field kinds the harness uses (test/adapters/python-driver.test.ts compares
the two tables). Field kinds beyond the thread-level ones are checked in socket_check.
"""

SOCKET_OBJECT_TYPES = ("tcp-listener", "unix-listener", "udp-socket")

SOCKET_OBJECT_FIELDS = {
    "tcp-listener": ("family", "backlog", "reuseaddr"),
    "unix-listener": ("backlog",),
    "udp-socket": ("family",),
}


def _on_socket(required=None, optional=None):
    fields = {"target": "socket"}
    fields.update(required or {})
    return {"required": fields, "optional": optional or {}, "targets": SOCKET_OBJECT_TYPES}


def _on_selector(required=None, optional=None):
    fields = {"target": "selector"}
    fields.update(required or {})
    return {"required": fields, "optional": optional or {}, "targets": SOCKET_OBJECT_TYPES}


SOCKET_OP_SIGNATURES = {
    "socket": {"required": {"into": "socket-register"}, "optional": {"family": "socket-family", "type": "socket-type"}, "targets": None},
    "bind": _on_socket({"address": "address"}),
    "listen": _on_socket({}, {"backlog": "count"}),
    "accept": _on_socket({"into": "socket-register"}, {"addressInto": "register"}),
    "connect": _on_socket({"address": "address"}),
    "send": _on_socket({"data": "bytes"}),
    "sendall": _on_socket({"data": "bytes"}),
    "sendto": _on_socket({"data": "bytes", "address": "address"}),
    "recv": _on_socket({"n": "byte-count"}, {"into": "register", "as": "recv-result"}),
    "recvfrom": _on_socket({"n": "byte-count"}, {"into": "register", "addressInto": "register", "as": "recv-result"}),
    "shutdown": _on_socket({"how": "shutdown-how"}),
    "close": _on_socket(),
    "setblocking": _on_socket({"flag": "boolean"}),
    "getblocking": _on_socket(),
    "settimeout": _on_socket({"timeout": "timeout"}),
    "gettimeout": _on_socket(),
    "setsockopt": _on_socket({"option": "socket-option", "value": "integer"}),
    "getsockopt": _on_socket({"option": "socket-option"}),
    "getsockname": _on_socket({}, {"into": "register"}),
    "getpeername": _on_socket({}, {"into": "register"}),
    "socket_info": _on_socket(),
    "select": {
        "required": {"rlist": "socket-list"},
        "optional": {"wlist": "socket-list", "xlist": "socket-list", "timeout": "timeout"},
        "targets": SOCKET_OBJECT_TYPES,
    },
    "selector": {"required": {"into": "selector-register"}, "optional": {"kind": "selector-kind"}, "targets": None},
    "register": _on_selector({"fileobj": "socket", "events": "selector-events"}, {"data": "label"}),
    "unregister": _on_selector({"fileobj": "socket"}),
    "modify": _on_selector({"fileobj": "socket", "events": "selector-events"}, {"data": "label"}),
    "selector_select": _on_selector({}, {"timeout": "timeout", "into": "socket-register", "handlers": "handlers"}),
}

SOCKET_OP_NAMES = frozenset(SOCKET_OP_SIGNATURES)

# The values of the model's enumerated fields.
SOCKET_CHOICES = {
    "socket-family": ("inet", "inet6", "unix"),
    "socket-type": ("stream", "dgram"),
    "shutdown-how": ("SHUT_RD", "SHUT_WR", "SHUT_RDWR"),
    "socket-option": ("SO_REUSEADDR", "TCP_NODELAY", "SO_RCVBUF"),
    "selector-kind": ("default", "select"),
    "recv-result": ("bytes", "length"),
}

SELECTOR_EVENTS = ("read", "write")

# Largest `n` of recv and `size` of a filled block: beyond this a scenario is a typo, not a test.
MAX_SCENARIO_BYTES = 64 * 1024 * 1024

# Field kinds that store into a register of the actor, by which register set they write.
REGISTER_WRITING_KINDS = {"register": "values", "socket-register": "sockets", "selector-register": "selectors"}
