import { BrokenBarrierError, Empty, Full, OverflowError, RuntimeError, ValueError } from '../errors';
import { AssertionError, InvalidStateError, CancelledError, ConnectionRefusedError, EOFError, OSError, PicklingError, TimeoutError, WorkerLostError } from './errors';
import type { WireError } from './object-server';

/**
 * Errors cross process boundaries as a name and a message; this rebuilds the Python-named class
 * on the receiving side so that `instanceof Full` and `.name === 'Full'` both hold there.
 */

const CLASSES: Record<string, new (message: string) => Error> = {
  RuntimeError,
  ValueError,
  OverflowError,
  Full,
  Empty,
  BrokenBarrierError,
  AssertionError,
  EOFError,
  OSError,
  ConnectionRefusedError,
  PicklingError,
  TimeoutError,
  CancelledError,
  InvalidStateError,
  WorkerLostError,
  TypeError,
  RangeError,
  ReferenceError,
  SyntaxError,
};

export function reviveError(wire: WireError & { stack?: string }): Error {
  const Class = CLASSES[wire.name];
  const error = Class === undefined ? new Error(wire.message) : new Class(wire.message);
  if (Class === undefined) error.name = wire.name;
  if (wire.stack !== undefined) error.stack = wire.stack;
  return error;
}
