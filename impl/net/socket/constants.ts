/**
 * The socket module's constants the facade understands, with Linux's values (what CPython's
 * `socket` and `selectors` modules expose there). They are plain numbers so that code ported
 * from Python reads the same: `s.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)`.
 */

export const AF_UNIX = 1;
export const AF_INET = 2;
export const AF_INET6 = 10;
export type AddressFamily = typeof AF_UNIX | typeof AF_INET | typeof AF_INET6;

export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export type SocketKind = typeof SOCK_STREAM | typeof SOCK_DGRAM;

export const SOL_SOCKET = 1;
export const SO_REUSEADDR = 2;
export const SO_TYPE = 3;
export const SO_SNDBUF = 7;
export const SO_RCVBUF = 8;
export const IPPROTO_TCP = 6;
export const TCP_NODELAY = 1;

export const SHUT_RD = 0;
export const SHUT_WR = 1;
export const SHUT_RDWR = 2;

/** selectors.EVENT_READ / EVENT_WRITE */
export const EVENT_READ = 1;
export const EVENT_WRITE = 2;

export const FAMILY_NAMES: Record<AddressFamily, string> = { [AF_UNIX]: 'AF_UNIX', [AF_INET]: 'AF_INET', [AF_INET6]: 'AF_INET6' };
export const KIND_NAMES: Record<SocketKind, string> = { [SOCK_STREAM]: 'SOCK_STREAM', [SOCK_DGRAM]: 'SOCK_DGRAM' };
