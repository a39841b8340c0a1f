"""The request loop: hello, then one `run` at a time until `shutdown` or end of input.

The driver exits (os._exit, which does not wait for threads) whenever a run leaves a thread it
cannot stop, after a fatal protocol error, and at the end; the harness restarts it as needed.
"""

import os
import sys
import traceback

from .protocol import Outbox, error, hello
from .recorder import Recorder
from .requests import BadRequest, Shutdown, parse_request
from .scenario_run import run_scenario


def main():
    outbox = Outbox(sys.stdout.buffer)
    outbox.send(hello())
    code = 0
    while True:
        line = sys.stdin.buffer.readline()
        if not line:
            break
        if not line.strip():
            continue
        try:
            request = parse_request(line)
        except BadRequest as e:
            outbox.send(error(str(e), e.request_id, e.fatal))
            if e.fatal:
                code = 2
                break
            continue
        if isinstance(request, Shutdown):
            break
        try:
            result, exiting = run_scenario(request.id, request.scenario, request.deadline_ms, Recorder(outbox, request.id))
        except Exception:
            sys.stderr.write(traceback.format_exc())
            outbox.send(error("the driver failed:\n" + traceback.format_exc(), request.id, fatal=True))
            code = 1
            break
        if exiting:
            result["exiting"] = True
        outbox.send(result)
        if exiting:
            break
    outbox.flush()
    sys.stderr.flush()
    os._exit(code)
