/**
 * The normalised error an adapter raises for an operation its library cannot express (a timed
 * acquire on a semaphore that cannot withdraw a waiter, a release that has no counterpart...).
 * Raising it, rather than approximating the operation, keeps verdicts honest: the claim fails
 * and the report says which operation the library lacks.
 */
export class NotSupported extends Error {
  override readonly name = 'NotSupported';
}

/** `what` cannot be expressed with `library`. */
export function notSupported(library: string, what: string): NotSupported {
  return new NotSupported(`${library} cannot express ${what}`);
}
