/**
 * Python's `<` and `==` for the values a queue carries (structured-clone values, in practice
 * JSON), so PriorityQueue orders items the way CPython's heapq would:
 * - numbers, booleans and bigints compare numerically with each other (bool is an int in Python);
 * - strings compare by code point (not by UTF-16 unit, which differs for astral characters);
 * - arrays play Python lists/tuples: lexicographic, the first unequal pair decides, then length;
 * - anything else (null/None, objects/dicts, mixed types) raises TypeError with CPython's message,
 *   e.g. "'<' not supported between instances of 'str' and 'int'".
 * Equality is Python's: numeric across int/bool, deep for arrays and plain objects, identity
 * otherwise. JavaScript cannot tell 1 from 1.0, so whole numbers are named 'int' in messages.
 */

type Numeric = number | boolean | bigint;

function isNumeric(value: unknown): value is Numeric {
  return typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function numericValue(value: Numeric): number | bigint {
  return typeof value === 'boolean' ? Number(value) : value;
}

/** The name Python would print for the type of `value`. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  if (isPlainObject(value)) return 'dict';
  const ctor = (value as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === 'string' ? ctor.name : typeof value;
}

/** Python's `a == b`. */
export function pythonEquals(a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) {
    // `==` between a number and a bigint compares mathematically, as Python does.
    return numericValue(a) == numericValue(b);
  }
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => pythonEquals(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && pythonEquals(a[key], b[key]));
  }
  return a === b;
}

/** Python's `a < b`; raises TypeError where Python would. */
export function pythonLessThan(a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) return numericValue(a) < numericValue(b);
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b) < 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    const shared = Math.min(a.length, b.length);
    for (let i = 0; i < shared; i++) {
      if (!pythonEquals(a[i], b[i])) return pythonLessThan(a[i], b[i]);
    }
    return a.length < b.length;
  }
  throw new TypeError(
    `'<' not supported between instances of '${pythonTypeName(a)}' and '${pythonTypeName(b)}'`,
  );
}

function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return (x.done ? 0 : 1) - (y.done ? 0 : 1);
    const difference = (x.value.codePointAt(0) as number) - (y.value.codePointAt(0) as number);
    if (difference !== 0) return difference;
  }
}
