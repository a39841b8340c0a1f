"""One actor's sockets and selectors: what each name refers to, each socket's label, and closing.

A socket op's `target` is a declared socket or a socket register of the actor (written by
`socket`, `accept`, or the `into` of a dispatching `selector_select`). Each socket has a label,
which the history records as the target and which select and selectors report: a declared
socket's name, or the register it was first stored in (`conn`, then `conn#2`, `conn#3` for later
sockets stored in the same register), as in the reference (harness/adapters/reference/socket-ops.ts).

The sockets and selectors an actor made are closed when its program ends, as CPython closes a
thread's local sockets when its function returns; declared sockets belong to the run.
"""

from .bytes_json import filled, json_to_bytes
from .selector_ops import SELECTOR_OPS
from .socket_ops import SOCKET_OPS


class ActorSockets:
    def __init__(self, declared, registers, time):
        self.declared = declared
        self.registers = registers
        self.time = time
        self._named = dict(declared.sockets)
        self._labels = {s: name for name, s in declared.sockets.items()}
        self._label_uses = {name: 1 for name in declared.sockets}
        self._made = []
        self.selectors = {}

    def target_of(self, op):
        """The name the history records as the op's target (None for select, which has none)."""
        name = op["op"]
        if name == "socket":
            return self._next_label(op["into"], take=False)
        if name == "selector":
            return op["into"]
        if name == "select":
            return None
        held = self._named.get(op["target"])
        return op["target"] if held is None else self._labels.get(held, op["target"])

    def perform(self, op):
        """Performs one socket or selector op; returns its JSON value, or a selector_ops.Dispatch."""
        name = op["op"]
        handler = SOCKET_OPS.get(name) or SELECTOR_OPS[name]
        return handler(self, op)

    def close(self):
        for selector in self.selectors.values():
            selector.close()
        for s in self._made:
            s.close()

    # -- naming ---------------------------------------------------------------------------

    def _next_label(self, register, take):
        uses = self._label_uses.get(register, 0)
        if take:
            self._label_uses[register] = uses + 1
        return register if uses == 0 else "%s#%d" % (register, uses + 1)

    def store(self, register, s):
        """Keeps a new socket in a socket register; returns its label."""
        label = self._next_label(register, take=True)
        self._labels[s] = label
        self._named[register] = s
        self._made.append(s)
        return label

    def bind_name(self, register, s):
        """Lets `register` name an existing socket (a ready key's fileobj), which keeps its label."""
        self._named[register] = s

    def socket(self, name):
        s = self._named.get(name)
        if s is None:
            raise NameError('no socket "%s" yet: nothing has been stored in it' % name)
        return s

    def label(self, s):
        return self._labels.get(s, "?")

    def selector(self, name):
        if name not in self.selectors:
            raise NameError('no selector "%s" yet' % name)
        return self.selectors[name]

    # -- values ---------------------------------------------------------------------------

    def put(self, register, value):
        if register is not None:
            self.registers[register] = value

    def _held(self, register):
        if register not in self.registers:
            raise NameError('register "%s" has not been written yet' % register)
        return self.registers[register]

    def data(self, expr):
        """The bytes a BytesExpr stands for."""
        if isinstance(expr, dict) and "reg" in expr:
            held = self._held(expr["reg"])
            data = json_to_bytes(held)
            if data is None:
                raise TypeError("a bytes-like object is required, not %r" % (held,))
            return data.upper() if expr.get("upper") is True else data
        if isinstance(expr, dict) and "fill" in expr:
            return filled(expr["fill"], expr["size"])
        return json_to_bytes(expr)

    def address(self, expr):
        """The Python address an AddressExpr stands for: a tuple, or a path for AF_UNIX."""
        if isinstance(expr, list):
            return tuple(expr)
        if "of" in expr:
            return self.declared.address_of(expr["of"])
        held = self._held(expr["reg"])
        return tuple(held) if isinstance(held, list) else held

