/**
 * Python's `<` and `==` over the values a priority queue carries (JSON-like, or structured-clone
 * values for thread queues), so PriorityQueue orders items the way CPython's heapq would and
 * raises the same TypeError where Python cannot compare:
 * - numbers, booleans and bigints compare numerically with each other (bool is an int in Python);
 * - strings compare by code point (not by UTF-16 unit, which differs for astral characters);
 * - arrays stand for tuples (the usual `(priority, data)` entries): lexicographic, the first
 *   unequal pair decides, then length;
 * - anything else (null/undefined as None, plain objects as dicts, mixed types) raises TypeError
 *   with CPython's message, e.g. "'<' not supported between instances of 'str' and 'int'".
 * JavaScript cannot tell 1 from 1.0, so whole numbers are named 'int' in messages.
 */
export type PyValue =
  | null
  | undefined
  | boolean
  | number
  | bigint
  | string
  | readonly PyValue[]
  | { readonly [key: string]: PyValue };

type Numeric = number | bigint | boolean;

function isNumeric(x: unknown): x is Numeric {
  return typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean';
}

/** bool is an int subclass in Python, so True < 2 and True == 1 hold. */
function numericValue(x: Numeric): number | bigint {
  return typeof x === 'boolean' ? Number(x) : x;
}

function isDict(x: unknown): x is { readonly [key: string]: unknown } {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/** The Python type name that CPython's TypeError message would show for `x`. */
export function pythonTypeName(x: unknown): string {
  if (x === null || x === undefined) return 'NoneType';
  if (typeof x === 'boolean') return 'bool';
  if (typeof x === 'bigint') return 'int';
  if (typeof x === 'number') return Number.isInteger(x) ? 'int' : 'float';
  if (typeof x === 'string') return 'str';
  if (Array.isArray(x)) return 'tuple';
  if (isDict(x)) return 'dict';
  const ctor = (x as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === 'string' && ctor.name !== '' ? ctor.name : typeof x;
}

/** Python compares str by code point; JS `<` compares UTF-16 units, which differs past U+FFFF. */
function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return (ca.done ? 0 : 1) - (cb.done ? 0 : 1);
    const pa = ca.value.codePointAt(0) as number;
    const pb = cb.value.codePointAt(0) as number;
    if (pa !== pb) return pa - pb;
  }
}

/**
 * Python `a == b`. Never raises: unlike `<`, equality between unrelated types is just False.
 * The identity check first mirrors CPython's container comparison (`x is y` implies equal), so a
 * container holding NaN equals itself while NaN alone does not.
 */
export function pythonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // `==` between a number and a bigint compares mathematically, as Python does.
  if (isNumeric(a) && isNumeric(b)) return numericValue(a) == numericValue(b);
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => pythonEquals(x, b[i]));
  }
  if (isDict(a) && isDict(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && pythonEquals(a[k], b[k]));
  }
  return false;
}

/**
 * Python `a < b`. Tuples compare lexicographically: the first pair of items that are not equal
 * decides with `<` (which may raise), so `(1, 'x') < (2, 0)` is fine but `(1, 'x') < (1, 0)`
 * raises. Throws TypeError("'<' not supported between instances of 'A' and 'B'").
 */
export function pythonLessThan(a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) return numericValue(a) < numericValue(b);
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b) < 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    const shared = Math.min(a.length, b.length);
    for (let i = 0; i < shared; i += 1) {
      if (!pythonEquals(a[i], b[i])) return pythonLessThan(a[i], b[i]);
    }
    return a.length < b.length;
  }
  throw new TypeError(
    `'<' not supported between instances of '${pythonTypeName(a)}' and '${pythonTypeName(b)}'`,
  );
}
