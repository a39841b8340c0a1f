"""What a scenario with process actors needs that this driver cannot give it (the scenario is valid).

Process actors run on multiprocessing (process_run.py): every actor of such a scenario is a
process, its objects have multiprocessing counterparts, and the driver names processes by
pidfd (Linux 5.3 and later). The ops only a process can perform stay out of other actors.
"""

import os

from .process_objects import unsupported_decl

PROCESS_ONLY_OPS = ("terminate", "exitcode", "program")


def process_scenario_unsupported(scenario):
    """The reason the driver refuses the scenario, or None."""
    actors = scenario["actors"]
    kinds = sorted({a["kind"] for a in actors})
    if "process" not in kinds:
        for actor in actors:
            used = _process_only_op(actor["ops"])
            if used is not None:
                return 'actor "%s" is a %s and cannot perform %s (process actors only)' % (actor["name"], actor["kind"], used)
        return None
    if kinds != ["process"]:
        return "a scenario's actors are all threads or all processes here, not %s" % " and ".join(kinds)
    if not hasattr(os, "pidfd_open"):
        return "process actors need os.pidfd_open (Linux 5.3 or later)"
    for name, decl in scenario["objects"].items():
        why = unsupported_decl(decl)
        if why is not None:
            return 'object "%s": %s' % (name, why)
    return None


def _process_only_op(ops):
    for op in ops:
        if op.get("op") in PROCESS_ONLY_OPS:
            return op["op"]
        bodies = [op[key] for key in ("body", "then", "else") if isinstance(op.get(key), list)]
        if isinstance(op.get("handlers"), dict):
            bodies += [b for b in op["handlers"].values() if isinstance(b, list)]
        for body in bodies:
            found = _process_only_op(body)
            if found is not None:
                return found
    return None


def process_capabilities():
    """What the process side of the driver adds to the hello: process actors, and the programs
    (adapters/python/programs) that use pools, executors, pipes, managers and files."""
    if not hasattr(os, "pidfd_open"):
        return []
    return ["processes", "programs", "pools", "executors", "pipes", "managers", "fs"]
