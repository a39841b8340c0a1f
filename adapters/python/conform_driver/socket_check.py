"""Checks of the socket fields of a scenario (harness/scenario/validate-socket-fields.ts in Python).

What a field holds, whether the sockets, selectors and registers it names exist in the actor,
and that every address literal is on the loopback interface: the driver, like the harness,
refuses a scenario that would talk to another machine.
"""

import base64
import binascii
import re

from .socket_signatures import MAX_SCENARIO_BYTES, REGISTER_WRITING_KINDS, SELECTOR_EVENTS, SOCKET_CHOICES, SOCKET_OBJECT_TYPES

_LOOPBACK_NAMES = ("localhost", "::1", "0:0:0:0:0:0:0:1")
_BASE64 = re.compile(r"^[A-Za-z0-9+/]*={0,2}$")
_BYTES_SHAPE = 'must be text, {"base64": ...}, {"fill": text, "size": n} or {"reg": name, "upper"?: boolean}'
_ADDRESS_SHAPE = 'must be [host, port], {"of": declared socket} or {"reg": register}'


def _is_name(v):
    return isinstance(v, str) and v != ""


def _is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_loopback_host(host):
    """127.0.0.0/8, ::1 and 'localhost': the only hosts a scenario may name."""
    if host in _LOOPBACK_NAMES:
        return True
    parts = host.split(".")
    return len(parts) == 4 and parts[0] == "127" and all(re.match(r"^\d{1,3}$", p) and int(p) <= 255 for p in parts)


def empty_register_sets():
    return {"values": set(), "sockets": set(), "selectors": set()}


def collect_register_sets(ops, signatures, into=None):
    """Every register an op list writes, by what it holds, nested bodies and handlers included."""
    into = empty_register_sets() if into is None else into
    if not isinstance(ops, list):
        return into
    for op in ops:
        if not isinstance(op, dict) or op.get("op") not in signatures:
            continue
        sig = signatures[op["op"]]
        for key, kind in list(sig["required"].items()) + list(sig["optional"].items()):
            value = op.get(key)
            if kind in REGISTER_WRITING_KINDS and _is_name(value):
                into[REGISTER_WRITING_KINDS[kind]].add(value)
            if kind == "body":
                collect_register_sets(value, signatures, into)
            if kind == "handlers" and isinstance(value, dict):
                for body in value.values():
                    collect_register_sets(body, signatures, into)
    return into


def _is_socket_decl(decl):
    return decl is not None and decl.get("type") in SOCKET_OBJECT_TYPES


def _socket_problem(value, sig, objects, registers):
    if not _is_name(value):
        return "must name a socket: a declared socket or a socket register of this actor"
    decl = objects.get(value)
    if decl is not None:
        targets = sig["targets"] or SOCKET_OBJECT_TYPES
        return None if decl["type"] in targets else '"%s" is a %s; this operation needs a socket' % (value, decl["type"])
    if value in registers["sockets"]:
        return None
    return 'no socket named "%s": neither a declared socket nor a socket register this actor writes' % value


def _bytes_problem(value, registers):
    if isinstance(value, str):
        return None
    if not isinstance(value, dict):
        return _BYTES_SHAPE
    keys = sorted(value)
    if keys == ["base64"]:
        text = value["base64"]
        if not isinstance(text, str) or not _BASE64.match(text) or len(text) % 4 != 0:
            return "base64 must be standard, padded base64 text"
        try:
            base64.b64decode(text, validate=True)
        except (binascii.Error, ValueError):
            return "base64 must be standard, padded base64 text"
        return None
    if keys == ["fill", "size"]:
        if not _is_name(value["fill"]):
            return "fill must be non-empty text"
        size = value["size"]
        return None if _is_int(size) and 0 <= size <= MAX_SCENARIO_BYTES else "size must be an integer from 0 to %d" % MAX_SCENARIO_BYTES
    if keys in (["reg"], ["reg", "upper"]):
        if not _is_name(value["reg"]):
            return "reg must be a register name"
        if "upper" in value and not isinstance(value["upper"], bool):
            return "upper must be true or false"
        return None if value["reg"] in registers["values"] else 'no register "%s": no op of this actor stores into it' % value["reg"]
    return _BYTES_SHAPE


def _address_problem(value, objects, registers):
    if isinstance(value, list):
        if len(value) != 2 or not isinstance(value[0], str) or not _is_int(value[1]):
            return "an address literal must be [host, port] with an integer port"
        return None if is_loopback_host(value[0]) else '"%s" is not a loopback host: scenarios only use 127.0.0.0/8, ::1 or localhost' % value[0]
    if not isinstance(value, dict):
        return _ADDRESS_SHAPE
    keys = list(value)
    if keys == ["of"]:
        if not _is_name(value["of"]):
            return "of must name a declared socket"
        return None if _is_socket_decl(objects.get(value["of"])) else 'no declared socket named "%s"' % value["of"]
    if keys == ["reg"]:
        if not _is_name(value["reg"]):
            return "reg must be a register name"
        return None if value["reg"] in registers["values"] else 'no register "%s": no op of this actor stores into it' % value["reg"]
    return _ADDRESS_SHAPE


def _new_register_problem(value, objects, registers, what):
    if not _is_name(value):
        return "must be a register name for the new %s" % what
    if value in objects:
        return '"%s" is a declared object; a %s register needs a name of its own' % (value, what)
    other, other_what = (registers["selectors"], "selector") if what == "socket" else (registers["sockets"], "socket")
    if value in other:
        return '"%s" also holds a %s in this actor; use another name' % (value, other_what)
    return None


def socket_field_problem(value, kind, sig, objects, registers):
    """What is wrong with a socket field (None when it is fine); raises KeyError for a kind it does not know."""
    if kind == "socket":
        return _socket_problem(value, sig, objects, registers)
    if kind == "socket-list":
        if not isinstance(value, list):
            return "must be a list of socket names"
        for item in value:
            problem = _socket_problem(item, sig, objects, registers)
            if problem is not None:
                return problem
        return None
    if kind == "socket-register":
        return _new_register_problem(value, objects, registers, "socket")
    if kind == "selector-register":
        return _new_register_problem(value, objects, registers, "selector")
    if kind == "selector":
        if not _is_name(value):
            return "must name a selector register"
        return None if value in registers["selectors"] else 'no selector "%s": no selector op of this actor stores into it' % value
    if kind == "bytes":
        return _bytes_problem(value, registers)
    if kind == "address":
        return _address_problem(value, objects, registers)
    if kind == "byte-count":
        return None if _is_int(value) and 0 <= value <= MAX_SCENARIO_BYTES else "must be an integer from 0 to %d" % MAX_SCENARIO_BYTES
    if kind == "integer":
        return None if _is_int(value) and abs(value) <= 2**53 - 1 else "must be an integer"
    if kind == "selector-events":
        if not isinstance(value, list) or not value:
            return "must be a non-empty list of read or write"
        ok = all(isinstance(e, str) and e in SELECTOR_EVENTS for e in value) and len(set(value)) == len(value)
        return None if ok else "must list each of read or write at most once"
    if kind == "handlers":
        if not isinstance(value, dict) or not value:
            return "must map handler names (the data of registered keys) to op lists"
        return None if all(isinstance(v, list) for v in value.values()) else "each handler must be an array of operations"
    choices = SOCKET_CHOICES[kind]
    return None if isinstance(value, str) and value in choices else "must be one of %s" % ", ".join(choices)


def socket_decl_problems(decl):
    """Problems of a declared socket's fields, as (field, message) pairs."""
    problems = []
    if "family" in decl and decl["family"] not in ("inet", "inet6"):
        problems.append(("family", 'must be "inet" or "inet6"'))
    if "backlog" in decl and not (_is_int(decl["backlog"]) and decl["backlog"] >= 0):
        problems.append(("backlog", "must be an integer >= 0"))
    if "reuseaddr" in decl and not isinstance(decl["reuseaddr"], bool):
        problems.append(("reuseaddr", "must be true or false"))
    return problems
