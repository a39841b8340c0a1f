/**
 * Python's `<` and `==` over JSON-like values, as PriorityQueue needs them: items are ordered
 * exactly as heapq would order them in CPython, and mixing types that Python cannot compare
 * raises the same TypeError. Arrays stand for tuples (the usual `(priority, data)` entries),
 * plain objects for dicts, null/undefined for None.
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
export function pyTypeName(x: unknown): string {
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

/** Python `a == b`. Never raises: unlike `<`, equality between unrelated types is just False. */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNumeric(a) && isNumeric(b)) return numericValue(a) == numericValue(b);
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => pyEquals(x, b[i]));
  }
  if (isDict(a) && isDict(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && pyEquals(a[k], b[k]));
  }
  return false;
}

/**
 * Python `a < b`. Tuples compare lexicographically: the first pair of items that are not equal
 * decides with `<` (which may raise), so `(1, 'x') < (2, 0)` is fine but `(1, 'x') < (1, 0)`
 * raises. Throws TypeError("'<' not supported between instances of 'A' and 'B'").
 */
export function pyLessThan(a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) return numericValue(a) < numericValue(b);
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b) < 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    const shared = Math.min(a.length, b.length);
    for (let i = 0; i < shared; i += 1) {
      if (!pyEquals(a[i], b[i])) return pyLessThan(a[i], b[i]);
    }
    return a.length < b.length;
  }
  throw new TypeError(`'<' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}
