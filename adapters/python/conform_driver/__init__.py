"""The CPython adapter of conform: the scenario model (docs/scenario-model.md) run on threading.

One module per concept: protocol (messages and the stdout writer), requests (reading and
checking what the harness sends), scenario_check (the scenario model's shape), objects (shared
objects and their operations), recorder (the history), actor (one actor's program), scenario_run
(one scenario from start to result), main (the request loop).
"""

DRIVER_VERSION = "0.1.0"
