"""The CPython adapter of conform: the scenario model (docs/scenario-model.md) run on threading and sockets.

One module per concept: protocol (messages and the stdout writer), requests (reading and
checking what the harness sends), scenario_check (the scenario model's shape), objects (shared
objects and their operations), recorder (the history), actor (one actor's program), scenario_run
(one scenario from start to result), main (the request loop). Sockets: declared_sockets (the
run's declared sockets), actor_sockets (an actor's sockets, labels and registers), socket_ops
and selector_ops (the ops on CPython's socket, select and selectors), socket_signatures and
socket_check (their part of the scenario's shape).
"""

DRIVER_VERSION = "0.1.0"
