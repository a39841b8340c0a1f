/**
 * Python's exception classes that the process-level API raises beyond the thread-level ones in
 * impl/errors.ts. `.name` is the Python class name (the normalised error name of histories) and
 * messages are CPython 3.11's own text where CPython has one.
 */

abstract class ProcessLevelError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** `assert` failures inside multiprocessing (start twice, daemon children, join before start). */
export class AssertionError extends ProcessLevelError {
  constructor(message = '') {
    super('AssertionError', message);
  }
}

/** `Connection.recv()` on a pipe whose other end is closed and drained. */
export class EOFError extends ProcessLevelError {
  constructor(message = '') {
    super('EOFError', message);
  }
}

/** Misuse of an OS-level object, e.g. sending on the read-only end of a one-way pipe. */
export class OSError extends ProcessLevelError {
  constructor(message = '') {
    super('OSError', message);
  }
}

/** The process that owned a shared object (or a manager) is gone: nothing answers any more. */
export class ConnectionRefusedError extends ProcessLevelError {
  constructor(message = '') {
    super('ConnectionRefusedError', message);
  }
}

/**
 * A value that cannot be sent to another process: a function that no loaded module exports, a
 * thread-level primitive that lives in this process's memory. CPython raises PicklingError or
 * TypeError ("cannot pickle '_thread.lock' object") for the same mistakes.
 */
export class PicklingError extends ProcessLevelError {
  constructor(message = '') {
    super('PicklingError', message);
  }
}

/** `multiprocessing.TimeoutError` (AsyncResult.get) and `concurrent.futures.TimeoutError`. */
export class TimeoutError extends ProcessLevelError {
  constructor(message = '') {
    super('TimeoutError', message);
  }
}

/** concurrent.futures.InvalidStateError: the value of a future that is not done. */
export class InvalidStateError extends ProcessLevelError {
  constructor(message = '') {
    super('InvalidStateError', message);
  }
}

/** `concurrent.futures.CancelledError`: result() of a cancelled future. */
export class CancelledError extends ProcessLevelError {
  constructor(message = '') {
    super('CancelledError', message);
  }
}

/**
 * A pool worker died while running a task (CPython's ProcessPoolExecutor raises
 * BrokenProcessPool for every pending future; here only that task fails and the pool goes on).
 */
export class WorkerLostError extends ProcessLevelError {
  constructor(message = '') {
    super('WorkerLostError', message);
  }
}
