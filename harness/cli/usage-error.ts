/**
 * A mistake in how the CLI was called (unknown implementation, a pattern matching nothing, a
 * malformed number): reported as one plain line with exit code 2, without a stack trace.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export const EXIT_USAGE = 2;
