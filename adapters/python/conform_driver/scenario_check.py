"""The scenario model's shape, checked on the Python side (docs/scenario.schema.json in code).

The harness validates every scenario before sending it, but the driver does not take that on
trust: a scenario it cannot read is refused with the list of problems, never half-run. The
tables mirror harness/scenario/op-signatures.ts; the socket part is socket_signatures and socket_check.
"""

from .socket_check import collect_register_sets, empty_register_sets, socket_decl_problems, socket_field_problem
from .socket_signatures import SOCKET_OBJECT_FIELDS, SOCKET_OBJECT_TYPES, SOCKET_OP_SIGNATURES
from .process_scenario_check import process_scenario_unsupported

LOCKLIKE = ("lock", "rlock", "semaphore", "bounded-semaphore", "condition")
SEMAPHORES = ("semaphore", "bounded-semaphore")

OBJECT_FIELDS = {
    "lock": (),
    "rlock": (),
    "semaphore": ("value",),
    "bounded-semaphore": ("value",),
    "event": (),
    "condition": ("lock",),
    "barrier": ("parties",),
    "queue": ("order", "maxsize", "joinable"),
    "cell": ("initial",),
}
OBJECT_FIELDS.update(SOCKET_OBJECT_FIELDS)


def _on(targets, optional=None, required=None):
    fields = {"target": "target"}
    fields.update(required or {})
    return {"required": fields, "optional": optional or {}, "targets": targets}


OP_SIGNATURES = {
    "acquire": _on(LOCKLIKE, {"blocking": "boolean", "timeout": "timeout"}),
    "release": _on(LOCKLIKE, {"n": "positive-count"}),
    "set": _on(("event",)),
    "clear": _on(("event",)),
    "is_set": _on(("event",)),
    "wait": _on(("event", "condition", "barrier"), {"timeout": "timeout"}),
    "notify": _on(("condition",), {"n": "count"}),
    "notify_all": _on(("condition",)),
    "abort": _on(("barrier",)),
    "reset": _on(("barrier",)),
    "put": _on(("queue",), {"block": "boolean", "timeout": "timeout"}, {"item": "json"}),
    "get": _on(("queue",), {"block": "boolean", "timeout": "timeout"}),
    "put_nowait": _on(("queue",), {}, {"item": "json"}),
    "get_nowait": _on(("queue",)),
    "qsize": _on(("queue",)),
    "empty": _on(("queue",)),
    "full": _on(("queue",)),
    "task_done": _on(("queue",)),
    "join_queue": _on(("queue",)),
    "read": _on(("cell",), {"into": "register"}),
    "write": _on(("cell",), {}, {"value": "number-value"}),
    "start": {"required": {"actor": "actor"}, "optional": {}, "targets": None},
    "join": {"required": {"actor": "actor"}, "optional": {"timeout": "timeout"}, "targets": None},
    "is_alive": {"required": {"actor": "actor"}, "optional": {}, "targets": None},
    "terminate": {"required": {"actor": "actor"}, "optional": {}, "targets": None},
    "exitcode": {"required": {"actor": "actor"}, "optional": {}, "targets": None},
    "program": {"required": {"name": "label"}, "optional": {"args": "json", "timeout": "timeout"}, "targets": None},
    "sleep": {"required": {"units": "units"}, "optional": {}, "targets": None},
    "mark": {"required": {"label": "label"}, "optional": {"value": "value"}, "targets": None},
    "repeat": {"required": {"times": "count", "body": "body"}, "optional": {}, "targets": None},
    "when": {"required": {"value": "value", "equals": "json", "then": "body"}, "optional": {"else": "body"}, "targets": None},
}
OP_SIGNATURES.update(SOCKET_OP_SIGNATURES)

ACTOR_KINDS = ("thread", "process", "task")
SUPPORTED_ACTOR_KINDS = ("thread", "process")
MAX_REPEAT_TIMES = 100000


def is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_name(v):
    return isinstance(v, str) and v != ""


def _is_register_expr(v):
    return isinstance(v, dict) and set(v) <= {"reg", "add"} and is_name(v.get("reg")) and ("add" not in v or is_number(v["add"]))


FIELD_CHECKS = {
    "boolean": (lambda v: isinstance(v, bool), "a boolean"),
    "timeout": (lambda v: v is None or is_number(v), "a number of time units or null"),
    "positive-count": (lambda v: is_int(v) and v >= 1, "an integer >= 1"),
    "count": (lambda v: is_int(v) and 0 <= v <= MAX_REPEAT_TIMES, "an integer >= 0"),
    "json": (lambda v: True, "any JSON value"),
    "value": (lambda v: is_number(v) or isinstance(v, str) or _is_register_expr(v), 'a number, a string or {"reg": ...}'),
    "number-value": (lambda v: is_number(v) or _is_register_expr(v), 'a number or {"reg": ...}'),
    "register": (is_name, "a register name"),
    "units": (lambda v: is_number(v) and v >= 0, "a number of time units >= 0"),
    "label": (is_name, "a non-empty string"),
}


class Problems:
    def __init__(self):
        self.items = []

    def add(self, path, message):
        self.items.append("%s: %s" % (path or "scenario", message))


def check_scenario(scenario):
    """Returns a list of problems ('path: message'); empty when the driver can run it."""
    p = Problems()
    if not isinstance(scenario, dict):
        p.add("", "must be a JSON object")
        return p.items
    if scenario.get("version") != 1:
        p.add("version", "is %r; this driver runs scenario model version 1" % (scenario.get("version"),))
        return p.items
    for key in scenario:
        if key not in ("version", "name", "timeUnitMs", "deadlineMs", "objects", "actors", "seed"):
            p.add(key, "unknown field")
    if not is_name(scenario.get("name")):
        p.add("name", "must be a non-empty string")
    for key in ("timeUnitMs", "deadlineMs"):
        if not is_number(scenario.get(key)) or scenario.get(key) <= 0:
            p.add(key, "must be a number of milliseconds > 0")
    objects = _check_objects(scenario.get("objects"), p)
    _check_actors(scenario.get("actors"), objects, p)
    return p.items


def _check_objects(objects, p):
    known = {}
    if not isinstance(objects, dict):
        p.add("objects", "must be an object mapping names to declarations")
        return known
    for name, decl in objects.items():
        path = "objects.%s" % name
        if not isinstance(decl, dict) or decl.get("type") not in OBJECT_FIELDS:
            p.add(path, "must be a declaration whose type is one of %s" % ", ".join(OBJECT_FIELDS))
            continue
        for key in decl:
            if key != "type" and key not in OBJECT_FIELDS[decl["type"]]:
                p.add("%s.%s" % (path, key), "unknown field for a %s" % decl["type"])
        known[name] = decl
    for name, decl in known.items():
        path = "objects.%s" % name
        t = decl["type"]
        if t in SEMAPHORES and "value" in decl and not (is_int(decl["value"]) and decl["value"] >= 0):
            p.add(path + ".value", "must be an integer >= 0")
        if t == "barrier" and not (is_int(decl.get("parties")) and decl["parties"] >= 1):
            p.add(path + ".parties", "must be an integer >= 1")
        if t == "condition" and "lock" in decl and (known.get(decl["lock"]) or {}).get("type") not in ("lock", "rlock"):
            p.add(path + ".lock", "must name a declared lock or rlock")
        if t == "queue":
            if decl.get("order", "fifo") not in ("fifo", "lifo", "priority"):
                p.add(path + ".order", "must be fifo, lifo or priority")
            if "maxsize" in decl and not is_int(decl["maxsize"]):
                p.add(path + ".maxsize", "must be an integer")
            if "joinable" in decl and not isinstance(decl["joinable"], bool):
                p.add(path + ".joinable", "must be a boolean")
        if t == "cell" and "initial" in decl and not is_number(decl["initial"]):
            p.add(path + ".initial", "must be a number")
        if t in SOCKET_OBJECT_TYPES:
            for field, message in socket_decl_problems(decl):
                p.add("%s.%s" % (path, field), message)
    return known


def _check_actors(actors, objects, p):
    if not isinstance(actors, list) or not actors:
        p.add("actors", "must be a non-empty array")
        return
    names = [a.get("name") for a in actors if isinstance(a, dict)]
    if len(set(names)) != len(names):
        p.add("actors", "actor names must be unique")
    if not any(isinstance(a, dict) and a.get("start", "auto") == "auto" for a in actors):
        p.add("actors", "at least one actor must start automatically")
    for i, actor in enumerate(actors):
        path = "actors[%d]" % i
        if not isinstance(actor, dict):
            p.add(path, "must be an object")
            continue
        for key in actor:
            if key not in ("name", "kind", "start", "daemon", "ops"):
                p.add("%s.%s" % (path, key), "unknown field")
        if not is_name(actor.get("name")):
            p.add(path + ".name", "must be a non-empty string")
        if actor.get("kind") not in ACTOR_KINDS:
            p.add(path + ".kind", "must be one of %s" % ", ".join(ACTOR_KINDS))
        if actor.get("start", "auto") not in ("auto", "manual"):
            p.add(path + ".start", "must be auto or manual")
        if not isinstance(actor.get("daemon", False), bool):
            p.add(path + ".daemon", "must be a boolean")
        registers = collect_register_sets(actor.get("ops"), OP_SIGNATURES)
        _check_ops(actor.get("ops"), path + ".ops", objects, set(names), p, registers)


def _check_ops(ops, path, objects, actors, p, registers=None):
    registers = empty_register_sets() if registers is None else registers
    if not isinstance(ops, list):
        p.add(path, "must be an array of operations")
        return
    for i, op in enumerate(ops):
        here = "%s[%d]" % (path, i)
        if not isinstance(op, dict) or op.get("op") not in OP_SIGNATURES:
            p.add(here, "must be an operation, one of %s" % ", ".join(OP_SIGNATURES))
            continue
        name = op["op"]
        sig = OP_SIGNATURES[name]
        fields = dict(sig["required"])
        fields.update(sig["optional"])
        for key in op:
            if key != "op" and key not in fields:
                p.add("%s.%s" % (here, key), "unknown field for %s" % name)
        for key in sig["required"]:
            if key not in op:
                p.add("%s.%s" % (here, key), "required by %s" % name)
        for key, kind in fields.items():
            if key not in op:
                continue
            value = op[key]
            if kind == "target":
                decl = objects.get(value) if isinstance(value, str) else None
                if decl is None or decl["type"] not in sig["targets"]:
                    p.add("%s.target" % here, "must name a declared %s" % " or ".join(sig["targets"]))
                elif name == "release" and "n" in op and decl["type"] not in SEMAPHORES:
                    p.add("%s.n" % here, "only semaphores take a release count")
            elif kind == "actor":
                if value not in actors:
                    p.add("%s.actor" % here, "must name an actor of this scenario")
            elif kind == "body":
                if isinstance(value, list):
                    _check_ops(value, "%s.%s" % (here, key), objects, actors, p, registers)
                else:
                    p.add("%s.%s" % (here, key), "must be an array of operations")
            elif kind not in FIELD_CHECKS:
                problem = socket_field_problem(value, kind, sig, objects, registers)
                if problem is not None:
                    p.add("%s.%s" % (here, key), problem)
                if kind == "handlers" and isinstance(value, dict):
                    for handler, body in value.items():
                        if isinstance(body, list):
                            _check_ops(body, "%s.%s.%s" % (here, key, handler), objects, actors, p, registers)
            else:
                check, what = FIELD_CHECKS[kind]
                if not check(value):
                    p.add("%s.%s" % (here, key), "must be %s" % what)


def unsupported(scenario):
    """What the scenario needs that this driver does not run (a valid scenario), or None."""
    for actor in scenario["actors"]:
        if actor["kind"] not in SUPPORTED_ACTOR_KINDS:
            return 'actor "%s" is a %s; this driver runs thread and process actors' % (actor["name"], actor["kind"])
    return process_scenario_unsupported(scenario)
