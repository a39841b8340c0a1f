"""The coroutine capabilities the driver has (harness/capability.ts), for the example programs.

Generators and asyncio are the standard library's, so `coroutines` comes with the programs.
greenlet and gevent are third-party (Debian's python3-gevent brings both): each is offered only
when this interpreter can find it, so that without them their claims are not-applicable, never
failing. find_spec looks the module up without importing it, which keeps the hello quick.
"""

import importlib.util


def _importable(name):
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def coroutine_capabilities(program_capabilities):
    if "programs" not in program_capabilities:
        return []
    return ["coroutines"] + [name for name in ("greenlet", "gevent") if _importable(name)]
