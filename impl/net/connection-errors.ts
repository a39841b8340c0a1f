/**
 * Python's ConnectionError family: ConnectionResetError, BrokenPipeError, ConnectionAbortedError
 * (and ConnectionRefusedError). A handler that meets one knows the client has gone; writing to a
 * reset peer may raise BrokenPipeError rather than ConnectionResetError, so handlers that mean
 * "the client left" catch the family, not one member.
 */
const CONNECTION_ERRORS = new Set(['ConnectionError', 'ConnectionResetError', 'BrokenPipeError', 'ConnectionAbortedError', 'ConnectionRefusedError']);

export function isConnectionError(error: unknown): boolean {
  return error instanceof Error && CONNECTION_ERRORS.has(error.name);
}
