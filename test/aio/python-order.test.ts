/**
 * pyLessThan / pyEquals against CPython 3.11: PAIRS and EXPECTED are the input and output of
 * python-order-ground-truth.py (a result, or the TypeError message).
 */
import { pythonEquals as pyEquals, pythonLessThan as pyLessThan, type PyValue } from '../../impl/shared/python-order';

const PAIRS = JSON.parse(String.raw`[[1, 2], [2, 1], [1, 1], [1.5, 1], [true, 2], [false, true], [true, 1], [-0.5, 0], ["a", "b"], ["b", "a"], ["", "a"], ["abc", "abd"], ["ab", "abc"], ["Z", "a"], ["\uffff", "\ud800\udc00"], ["\ud800\udc00", "\uffff"], [[1, "a"], [1, "b"]], [[1, "a"], [2, "a"]], [[1], [1, 2]], [[1, 2], [1]], [[], []], [[], [0]], [[1, "a"], [1, 2]], [[1, "a"], [2, "b"]], [[null, 1], [null, 2]], [[true, "b"], [1, "c"]], [[{"a": 1}, 1], [{"a": 1}, 2]], [[{"a": 1}, 1], [{"a": 2}, 2]], [[[1, 2], 3], [[1, 2], 4]], [[[1, 2], 3], [[1, 3], 0]], [null, null], [null, 1], [1, null], ["a", 1], [1, "a"], [[1], 1], [{}, {}], [1.5, "x"], [true, "x"]]`) as [PyValue, PyValue][];
const EXPECTED = JSON.parse(String.raw`[true, false, false, false, true, true, false, true, true, false, true, true, true, true, true, false, true, true, true, false, false, true, "'<' not supported between instances of 'str' and 'int'", true, true, true, true, "'<' not supported between instances of 'dict' and 'dict'", true, true, "'<' not supported between instances of 'NoneType' and 'NoneType'", "'<' not supported between instances of 'NoneType' and 'int'", "'<' not supported between instances of 'int' and 'NoneType'", "'<' not supported between instances of 'str' and 'int'", "'<' not supported between instances of 'int' and 'str'", "'<' not supported between instances of 'tuple' and 'int'", "'<' not supported between instances of 'dict' and 'dict'", "'<' not supported between instances of 'float' and 'str'", "'<' not supported between instances of 'bool' and 'str'"]`) as (boolean | string)[];

function lessThanOrMessage(a: PyValue, b: PyValue): boolean | string {
  try {
    return pyLessThan(a, b);
  } catch (e) {
    expect(e).toBeInstanceOf(TypeError);
    return (e as Error).message;
  }
}

test('the ground truth lists line up', () => {
  expect(PAIRS).toHaveLength(EXPECTED.length);
  expect(PAIRS.length).toBeGreaterThan(30);
});

test.each(PAIRS.map((pair, i) => [JSON.stringify(pair[0]), JSON.stringify(pair[1]), i] as const))(
  '%s < %s as in Python',
  (_a, _b, i) => {
    const [a, b] = PAIRS[i] as [PyValue, PyValue];
    expect(lessThanOrMessage(a, b)).toEqual(EXPECTED[i]);
  },
);

test('strings compare by code point, not UTF-16 unit', () => {
  expect(pyLessThan('\uffff', '\u{10000}')).toBe(true);
  expect('\uffff' < '\u{10000}').toBe(false);
});

test('equality used inside tuples: numbers and bools, None, nested tuples and dicts', () => {
  expect(pyEquals(1, true)).toBe(true);
  expect(pyEquals(0, false)).toBe(true);
  expect(pyEquals(2, true)).toBe(false);
  expect(pyEquals(null, undefined)).toBe(true);
  expect(pyEquals('1', 1)).toBe(false);
  expect(pyEquals([1, [2, 'x']], [1, [2, 'x']])).toBe(true);
  expect(pyEquals([1, 2], [1, 2, 3])).toBe(false);
  expect(pyEquals({ a: 1, b: [1] }, { b: [1], a: 1 })).toBe(true);
  expect(pyEquals({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  expect(pyEquals({ a: 1 }, { b: 1 })).toBe(false);
  expect(pyEquals(BigInt(3), 3)).toBe(true);
  expect(pyLessThan(BigInt(2), 2.5)).toBe(true);
});

test('other objects are incomparable and named by their class', () => {
  class Job {}
  expect(() => pyLessThan(new Job() as unknown as PyValue, 1)).toThrow(
    "'<' not supported between instances of 'Job' and 'int'",
  );
});
