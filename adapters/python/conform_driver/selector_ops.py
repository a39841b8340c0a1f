"""select.select and the selectors module, as the scenario model's ops (docs/scenario-model.md).

`select` is `select.select(rlist, wlist, xlist, timeout)` over the actor's sockets and returns
the ready ones by label; a selector is `selectors.DefaultSelector()` (epoll on Linux) or
`selectors.SelectSelector()`, and its keys are recorded as {"fileobj": label, "events": mask,
"data": data}. A `selector_select` with `handlers` is the documents' dispatch loop,
`for key, mask in sel.select(): key.data(key.fileobj, mask)`: the actor runs the handler named by
each ready key's data, with the key's socket in the register `into`.
"""

import json
import select
import selectors

_KINDS = {"default": selectors.DefaultSelector, "select": selectors.SelectSelector}


class Dispatch:
    """A dispatching selector_select's outcome: its value, then (bind, ops) for each ready key in order."""

    def __init__(self, value, calls):
        self.value = value
        self.calls = calls


def _mask(events):
    return (selectors.EVENT_READ if "read" in events else 0) | (selectors.EVENT_WRITE if "write" in events else 0)


def _key_json(net, key):
    return {"fileobj": net.label(key.fileobj), "events": key.events, "data": key.data}


def _select(net, op):
    lists = [[net.socket(n) for n in op.get(field, [])] for field in ("rlist", "wlist", "xlist")]
    timeout = net.time.seconds(op.get("timeout"))
    ready = select.select(lists[0], lists[1], lists[2]) if timeout is None else select.select(lists[0], lists[1], lists[2], timeout)
    return [[net.label(s) for s in found] for found in ready]


def _selector(net, op):
    made = _KINDS[op.get("kind", "default")]()
    previous = net.selectors.get(op["into"])
    net.selectors[op["into"]] = made
    if previous is not None:
        previous.close()  # the register held the only reference; CPython would collect it
    return None


def _register(net, op):
    key = net.selector(op["target"]).register(net.socket(op["fileobj"]), _mask(op["events"]), op.get("data"))
    return _key_json(net, key)


def _modify(net, op):
    key = net.selector(op["target"]).modify(net.socket(op["fileobj"]), _mask(op["events"]), op.get("data"))
    return _key_json(net, key)


def _unregister(net, op):
    return _key_json(net, net.selector(op["target"]).unregister(net.socket(op["fileobj"])))


def _selector_select(net, op):
    events = net.selector(op["target"]).select(net.time.seconds(op.get("timeout")))
    value = [[_key_json(net, key), mask] for key, mask in events]
    handlers = op.get("handlers")
    if handlers is None:
        return value
    for key, _ in events:
        if not isinstance(key.data, str) or key.data not in handlers:
            raise KeyError("no handler for the data %s of %s" % (json.dumps(key.data), net.label(key.fileobj)))
    into = op.get("into")

    def binder(fileobj):
        return lambda: None if into is None else net.bind_name(into, fileobj)

    return Dispatch(value, [(binder(key.fileobj), handlers[key.data]) for key, _ in events])


SELECTOR_OPS = {
    "select": _select,
    "selector": _selector,
    "register": _register,
    "modify": _modify,
    "unregister": _unregister,
    "selector_select": _selector_select,
}
