"""Reading what the harness sends: `run` and `shutdown` messages (docs/adapter-protocol.schema.json).

A line that is not a protocol message at all is fatal (the two sides no longer agree on what
they are saying); a `run` whose scenario is invalid or unsupported is refused with an `error`
for that request, and the driver waits for the next one.
"""

import json

from .scenario_check import check_scenario, is_number, unsupported


class BadRequest(Exception):
    """A request the driver will not run. `request_id` is None when the line had no usable id."""

    def __init__(self, message, request_id=None, fatal=False):
        Exception.__init__(self, message)
        self.request_id = request_id
        self.fatal = fatal


class RunRequest:
    def __init__(self, request_id, scenario, deadline_ms):
        self.id = request_id
        self.scenario = scenario
        self.deadline_ms = deadline_ms


class Shutdown:
    pass


def parse_request(line):
    try:
        message = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise BadRequest("a line from the harness is not JSON: %s" % e, fatal=True)
    if not isinstance(message, dict):
        raise BadRequest("a message from the harness is not a JSON object", fatal=True)
    kind = message.get("type")
    if kind == "shutdown":
        if set(message) != {"type"}:
            raise BadRequest("a shutdown message takes no other fields", fatal=True)
        return Shutdown()
    if kind != "run":
        raise BadRequest("unknown message type %r; the harness sends run and shutdown" % (kind,), fatal=True)
    request_id = message.get("id")
    if not isinstance(request_id, str) or request_id == "":
        raise BadRequest("a run message needs a non-empty string id", fatal=True)
    extra = set(message) - {"type", "id", "scenario", "deadlineMs"}
    if extra:
        raise BadRequest("unknown fields in a run message: %s" % ", ".join(sorted(extra)), request_id)
    deadline_ms = message.get("deadlineMs")
    if not is_number(deadline_ms) or deadline_ms <= 0:
        raise BadRequest("deadlineMs must be a number of milliseconds > 0", request_id)
    scenario = message.get("scenario")
    problems = check_scenario(scenario)
    if problems:
        raise BadRequest("invalid scenario: " + "; ".join(problems[:10]), request_id)
    reason = unsupported(scenario)
    if reason is not None:
        raise BadRequest("unsupported scenario: " + reason, request_id)
    return RunRequest(request_id, scenario, deadline_ms)
