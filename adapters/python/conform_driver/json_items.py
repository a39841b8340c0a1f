"""Queue items between JSON and Python for priority queues.

A scenario's items are JSON; the documents' priority items are tuples like (priority, payload),
so arrays become tuples on the way in (recursively) and arrays again on the way out. heapq then
compares exactly what a Python program would put in the queue, with Python's own `<`.
"""


def to_priority_item(value):
    if isinstance(value, list):
        return tuple(to_priority_item(v) for v in value)
    if isinstance(value, dict):
        return {k: to_priority_item(v) for k, v in value.items()}
    return value


def from_priority_item(value):
    if isinstance(value, tuple):
        return [from_priority_item(v) for v in value]
    if isinstance(value, dict):
        return {k: from_priority_item(v) for k, v in value.items()}
    return value
