/**
 * impl/shared/heapq.ts against CPython's heapq: the expected rows are heapq-ground-truth.py's
 * output (CPython 3.11.7), one [outcome, value, heap after] per operation. The TypeError rows
 * check that a failed comparison leaves the list exactly as CPython's C heapq leaves it.
 */
import { heappop, heappush } from '../../impl/shared/heapq';
import { pythonLessThan as pyLessThan, type PyValue } from '../../impl/shared/python-order';

type Op = ['push', PyValue] | ['pop'];
type Row = [string, PyValue, PyValue[]];

function run(ops: Op[]): Row[] {
  const heap: PyValue[] = [];
  return ops.map((op): Row => {
    try {
      if (op[0] === 'push') {
        heappush(heap, op[1], pyLessThan);
        return ['ok', null, [...heap]];
      }
      if (heap.length === 0) throw new Error('index out of range');
      return ['ok', heappop(heap, pyLessThan), [...heap]];
    } catch (e) {
      return [(e as Error).name, (e as Error).message, [...heap]];
    }
  });
}

const ops1: Op[] = [
  ['push', 5], ['push', 3], ['push', 8], ['push', 1], ['push', 9], ['push', 2], ['push', 7], ['push', 3],
  ['pop'], ['pop'], ['push', 0], ['pop'], ['pop'], ['pop'], ['pop'], ['pop'], ['pop'], ['pop'],
];
const ops2: Op[] = [
  ['push', [2, 'b']], ['push', [1, 'a']], ['push', [3, 'c']], ['push', [0, 'z']], ['push', [1, 5]],
  ['pop'], ['pop'], ['pop'], ['pop'], ['pop'],
];
const ops3: Op[] = [['push', 1], ['push', 2], ['push', 3], ['push', 'x'], ['pop'], ['pop'], ['pop']];

test('integers: same heap layout after every push and pop', () => {
  expect(run(ops1)).toEqual([["ok", null, [5]], ["ok", null, [3, 5]], ["ok", null, [3, 5, 8]], ["ok", null, [1, 3, 8, 5]], ["ok", null, [1, 3, 8, 5, 9]], ["ok", null, [1, 3, 2, 5, 9, 8]], ["ok", null, [1, 3, 2, 5, 9, 8, 7]], ["ok", null, [1, 3, 2, 3, 9, 8, 7, 5]], ["ok", 1, [2, 3, 5, 3, 9, 8, 7]], ["ok", 2, [3, 3, 5, 7, 9, 8]], ["ok", null, [0, 3, 3, 7, 9, 8, 5]], ["ok", 0, [3, 3, 5, 7, 9, 8]], ["ok", 3, [3, 7, 5, 8, 9]], ["ok", 3, [5, 7, 9, 8]], ["ok", 5, [7, 8, 9]], ["ok", 7, [8, 9]], ["ok", 8, [9]], ["ok", 9, []]]);
});

test('tuples, with a TypeError in push (item kept) and in pop (popped item lost)', () => {
  expect(run(ops2)).toEqual([["ok", null, [[2, "b"]]], ["ok", null, [[1, "a"], [2, "b"]]], ["ok", null, [[1, "a"], [2, "b"], [3, "c"]]], ["ok", null, [[0, "z"], [1, "a"], [3, "c"], [2, "b"]]], ["TypeError", "'<' not supported between instances of 'int' and 'str'", [[0, "z"], [1, "a"], [3, "c"], [2, "b"], [1, 5]]], ["TypeError", "'<' not supported between instances of 'int' and 'str'", [[1, "a"], [1, 5], [3, "c"], [2, "b"]]], ["ok", [1, "a"], [[1, 5], [2, "b"], [3, "c"]]], ["ok", [1, 5], [[2, "b"], [3, "c"]]], ["ok", [2, "b"], [[3, "c"]]], ["ok", [3, "c"], []]]);
});

test('mixed int/str: each failing comparison leaves the list as CPython does', () => {
  expect(run(ops3)).toEqual([["ok", null, [1]], ["ok", null, [1, 2]], ["ok", null, [1, 2, 3]], ["TypeError", "'<' not supported between instances of 'str' and 'int'", [1, 2, 3, "x"]], ["TypeError", "'<' not supported between instances of 'str' and 'int'", [2, "x", 3]], ["TypeError", "'<' not supported between instances of 'int' and 'str'", ["x", 3]], ["ok", "x", [3]]]);
});
