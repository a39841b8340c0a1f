"""Ground truth for python-order.test.ts: CPython 3.11's `a < b` for each pair, as JSON
[result-or-error-message per pair]. JSON lists are compared as tuples, objects as dicts."""
import json

def tup(x):
    if isinstance(x, list):
        return tuple(tup(v) for v in x)
    if isinstance(x, dict):
        return {k: tup(v) for k, v in x.items()}
    return x

PAIRS = json.loads(r'''[
  [1, 2], [2, 1], [1, 1], [1.5, 1], [true, 2], [false, true], [true, 1], [-0.5, 0],
  ["a", "b"], ["b", "a"], ["", "a"], ["abc", "abd"], ["ab", "abc"], ["Z", "a"],
  ["\uffff", "\ud800\udc00"], ["\ud800\udc00", "\uffff"],
  [[1, "a"], [1, "b"]], [[1, "a"], [2, "a"]], [[1], [1, 2]], [[1, 2], [1]], [[], []], [[], [0]],
  [[1, "a"], [1, 2]], [[1, "a"], [2, "b"]], [[null, 1], [null, 2]], [[true, "b"], [1, "c"]],
  [[{"a": 1}, 1], [{"a": 1}, 2]], [[{"a": 1}, 1], [{"a": 2}, 2]], [[[1, 2], 3], [[1, 2], 4]],
  [[[1, 2], 3], [[1, 3], 0]],
  [null, null], [null, 1], [1, null], ["a", 1], [1, "a"], [[1], 1], [{}, {}], [1.5, "x"], [true, "x"]
]''')

out = []
for a, b in PAIRS:
    try:
        out.append(tup(a) < tup(b))
    except TypeError as e:
        out.append(str(e))
print(json.dumps(PAIRS))
print(json.dumps(out))
