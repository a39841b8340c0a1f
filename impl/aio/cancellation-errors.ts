/**
 * The two asyncio exceptions that have no counterpart among the thread-level errors
 * (impl/errors.ts): they come from cancelling a task, which threads cannot do.
 */

/** asyncio.CancelledError: the wait was cancelled through its AbortSignal. `cause` is the signal's reason. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(message = '', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * TimeoutError as raised by asyncio.wait_for (in 3.11 asyncio.TimeoutError *is* the builtin):
 * the wait was cancelled because its timeout passed. Python gives it an empty message.
 */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(message = '') {
    super(message);
  }
}
