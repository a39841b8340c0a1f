import { constants } from 'node:os';

/**
 * Python's OSError family (PEP 3151) as JavaScript errors, so that a socket error reads the same
 * as in CPython: `.name` is the Python class, `.errno` the platform's number and the message is
 * `str(e)`, e.g. `[Errno 11] Resource temporarily unavailable`. Numbers come from the running
 * platform (os.constants.errno), so on Linux EAGAIN is 11 and on macOS 35, as in CPython.
 */

/** The errno names the facade raises, with the C library's strerror text (glibc's wording). */
const STRERROR = {
  EPERM: 'Operation not permitted',
  ENOENT: 'No such file or directory',
  EBADF: 'Bad file descriptor',
  EAGAIN: 'Resource temporarily unavailable',
  EACCES: 'Permission denied',
  EINVAL: 'Invalid argument',
  EPIPE: 'Broken pipe',
  ENOTSOCK: 'Socket operation on non-socket',
  EDESTADDRREQ: 'Destination address required',
  EMSGSIZE: 'Message too long',
  ENOPROTOOPT: 'Protocol not available',
  EOPNOTSUPP: 'Operation not supported',
  EAFNOSUPPORT: 'Address family not supported by protocol',
  EADDRINUSE: 'Address already in use',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  ENETUNREACH: 'Network is unreachable',
  ECONNABORTED: 'Software caused connection abort',
  ECONNRESET: 'Connection reset by peer',
  EISCONN: 'Transport endpoint is already connected',
  ENOTCONN: 'Transport endpoint is not connected',
  ETIMEDOUT: 'Connection timed out',
  ECONNREFUSED: 'Connection refused',
  EHOSTUNREACH: 'No route to host',
  EALREADY: 'Operation already in progress',
  EINPROGRESS: 'Operation now in progress',
} as const;

export type ErrnoName = keyof typeof STRERROR;

/** Linux's numbers, used only where Node does not report the platform's own. */
const LINUX_ERRNO: Record<ErrnoName, number> = {
  EPERM: 1, ENOENT: 2, EBADF: 9, EAGAIN: 11, EACCES: 13, EINVAL: 22, EPIPE: 32, ENOTSOCK: 88,
  EDESTADDRREQ: 89, EMSGSIZE: 90, ENOPROTOOPT: 92, EOPNOTSUPP: 95, EAFNOSUPPORT: 97, EADDRINUSE: 98,
  EADDRNOTAVAIL: 99, ENETUNREACH: 101, ECONNABORTED: 103, ECONNRESET: 104, EISCONN: 106,
  ENOTCONN: 107, ETIMEDOUT: 110, ECONNREFUSED: 111, EHOSTUNREACH: 113, EALREADY: 114, EINPROGRESS: 115,
};

export function errnoNumber(name: ErrnoName): number {
  return (constants.errno as Record<string, number | undefined>)[name] ?? LINUX_ERRNO[name];
}

export class OSError extends Error {
  /** The errno, or null for errors that carry only a message (socket.timeout's 'timed out'). */
  readonly errno: number | null;
  readonly strerror: string;

  constructor(errno: number | null, strerror: string) {
    super(errno === null ? strerror : `[Errno ${errno}] ${strerror}`);
    this.name = 'OSError';
    this.errno = errno;
    this.strerror = strerror;
  }
}

export class BlockingIOError extends OSError {
  constructor(errno: number, strerror: string) {
    super(errno, strerror);
    this.name = 'BlockingIOError';
  }
}

export class ConnectionError extends OSError {
  constructor(errno: number, strerror: string) {
    super(errno, strerror);
    this.name = 'ConnectionError';
  }
}

export class BrokenPipeError extends ConnectionError {
  constructor(errno: number, strerror: string) {
    super(errno, strerror);
    this.name = 'BrokenPipeError';
  }
}

export class ConnectionAbortedError extends ConnectionError {
  constructor(errno: number, strerror: string) {
    super(errno, strerror);
    this.name = 'ConnectionAbortedError';
  }
}

export class ConnectionRefusedError extends ConnectionError {
  constructor(errno: number, strerror: string) {
    super(errno, strerror);
    this.name = 'ConnectionRefusedError';
  }
}

export class ConnectionResetError extends ConnectionError {
  constructor(errno: number, strerror: string) {
    super(errno, strerror);
    this.name = 'ConnectionResetError';
  }
}

/** Python's TimeoutError; socket.timeout has been this class since 3.10 (raised as 'timed out'). */
export class TimeoutError extends OSError {
  constructor(errno: number | null, strerror: string) {
    super(errno, strerror);
    this.name = 'TimeoutError';
  }
}

/**
 * Not a Python error: something CPython can do that Node cannot express (an AF_UNIX datagram
 * socket, TCP's SO_RCVBUF). Named like the harness's normalised `NotSupported`.
 */
export class NotSupportedError extends Error {
  constructor(what: string) {
    super(`${what} is not supported by this implementation (Node ${process.version})`);
    this.name = 'NotSupported';
  }
}

/** Python's KeyError (selectors raise it); `str()` of a KeyError is the repr of its key. */
export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

/** The OSError subclass CPython raises for an errno (PEP 3151's mapping, for the errnos above). */
export function osError(name: ErrnoName): OSError {
  const errno = errnoNumber(name);
  const text = STRERROR[name];
  switch (name) {
    case 'EAGAIN':
    case 'EALREADY':
    case 'EINPROGRESS':
      return new BlockingIOError(errno, text);
    case 'EPIPE':
      return new BrokenPipeError(errno, text);
    case 'ECONNABORTED':
      return new ConnectionAbortedError(errno, text);
    case 'ECONNREFUSED':
      return new ConnectionRefusedError(errno, text);
    case 'ECONNRESET':
      return new ConnectionResetError(errno, text);
    case 'ETIMEDOUT':
      return new TimeoutError(errno, text);
    default:
      return new OSError(errno, text);
  }
}

/** socket.timeout: a blocking call with a timeout ran out of time. */
export function socketTimeout(): TimeoutError {
  return new TimeoutError(null, 'timed out');
}

function isErrnoName(code: string): code is ErrnoName {
  return Object.prototype.hasOwnProperty.call(STRERROR, code);
}

/**
 * Translates an error Node reported (a system error with `code`, such as ECONNRESET) into the
 * exception CPython raises for the same failure. Errors without a known code keep their message
 * as an OSError so nothing Node says is lost.
 */
export function fromNodeError(error: unknown): OSError {
  if (error instanceof OSError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && isErrnoName(code)) return osError(code);
  if (code === 'EWOULDBLOCK') return osError('EAGAIN');
  const errno = (error as { errno?: unknown } | null)?.errno;
  const message = error instanceof Error ? error.message : String(error);
  return new OSError(typeof errno === 'number' ? Math.abs(errno) : null, message);
}
