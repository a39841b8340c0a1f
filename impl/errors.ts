/**
 * Python's exception classes for the thread-level primitives, as JavaScript errors.
 *
 * `.name` is exactly the Python class name so harness code can normalise an error by its name
 * alone, and messages are CPython 3.11's own text (checked against `python3`). The hierarchy
 * follows Python where it matters: `BrokenBarrierError` is a `RuntimeError`. Python's
 * `TypeError` maps onto JavaScript's built-in `TypeError`, which already has that name.
 */

/** Base for the Python-named errors, so that `.name` cannot drift from the class. */
abstract class PythonError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export class RuntimeError extends PythonError {
  constructor(message = '') {
    super('RuntimeError', message);
  }
}

export class ValueError extends PythonError {
  constructor(message = '') {
    super('ValueError', message);
  }
}

/** Raised by CPython when a timeout does not fit its clock (e.g. `timeout=float('inf')`). */
export class OverflowError extends PythonError {
  constructor(message = '') {
    super('OverflowError', message);
  }
}

/** `queue.Full`: a non-blocking put, or a put whose timeout expired, on a full queue. */
export class Full extends PythonError {
  constructor(message = '') {
    super('Full', message);
  }
}

/** `queue.Empty`: a non-blocking get, or a get whose timeout expired, on an empty queue. */
export class Empty extends PythonError {
  constructor(message = '') {
    super('Empty', message);
  }
}

/** `threading.BrokenBarrierError`, a subclass of `RuntimeError` as in CPython. */
export class BrokenBarrierError extends RuntimeError {
  constructor(message = '') {
    super(message);
    this.name = 'BrokenBarrierError';
  }
}

/**
 * Not a Python error: shared memory is reserved up front with a maximum size, and an operation
 * that would need more raises this instead of corrupting state. The state is left unchanged.
 */
export class CapacityError extends PythonError {
  constructor(message: string) {
    super('CapacityError', message);
  }
}
