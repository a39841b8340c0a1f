import type { Op } from './model';

/**
 * The networking part of the scenario model (docs/scenario-model.md, "Sockets"): declared
 * sockets every actor can address, socket operations with CPython's names, and the JSON forms of
 * bytes and addresses. Like the rest of the model it is plain JSON, so an adapter for CPython (or
 * any language) runs the same socket scenarios as the reference.
 *
 * Sockets are named by the `target` of each op: either a declared socket object, or a socket
 * register of the actor (written by `socket`, `accept`, or the `into` of a dispatching
 * `selector_select`). Declared sockets are bound on a loopback address (an ephemeral port, or a
 * fresh path for AF_UNIX) and, for listeners, listening before the actors start, so every actor
 * knows their address: `{ "of": "srv" }`.
 */

/** Families of the model: AF_INET, AF_INET6, AF_UNIX. */
export type SocketFamily = 'inet' | 'inet6' | 'unix';
/** SOCK_STREAM or SOCK_DGRAM. */
export type SocketType = 'stream' | 'dgram';
export type ShutdownHow = 'SHUT_RD' | 'SHUT_WR' | 'SHUT_RDWR';
/** The options the model can set and read (level implied: SOL_SOCKET, or IPPROTO_TCP for TCP_NODELAY). */
export type SocketOption = 'SO_REUSEADDR' | 'TCP_NODELAY' | 'SO_RCVBUF';
export type SelectorEvent = 'read' | 'write';
/** `default` is selectors.DefaultSelector (epoll on Linux); `select` is selectors.SelectSelector. */
export type SelectorKind = 'default' | 'select';

export type SocketObjectDecl =
  /** A TCP socket bound to an ephemeral loopback port and listening. `reuseaddr`: SO_REUSEADDR set before bind (absent: the implementation's default). */
  | { type: 'tcp-listener'; family?: 'inet' | 'inet6'; backlog?: number; reuseaddr?: boolean }
  /** An AF_UNIX stream socket bound to a fresh path and listening. */
  | { type: 'unix-listener'; backlog?: number }
  /** A UDP socket bound to an ephemeral loopback port. */
  | { type: 'udp-socket'; family?: 'inet' | 'inet6' };

export type SocketObjectType = SocketObjectDecl['type'];

/**
 * Bytes as JSON. In: UTF-8 text, `{ "base64": … }`, `{ "fill": "ab", "size": n }` (n bytes of the
 * text repeated), or the bytes held in a register (`upper` applies bytes.upper(), ASCII only).
 * Out (what recv returns): a string when the bytes are valid UTF-8, else `{ "base64": … }`.
 */
export type BytesExpr = string | { base64: string } | { fill: string; size: number } | { reg: string; upper?: boolean };

/**
 * An address: `[host, port]` with a loopback host (the suite never leaves the machine), the
 * bound address of a declared socket (`{ "of": name }`), or one held in a register (from
 * `accept`/`recvfrom`'s `addressInto`, or `getsockname`'s `into`).
 */
export type AddressExpr = [string, number] | { of: string } | { reg: string };

/** Timeouts are in time units, as everywhere in the model; null blocks, 0 is non-blocking. */
export type SocketOp =
  | { op: 'socket'; into: string; family?: SocketFamily; type?: SocketType }
  | { op: 'bind'; target: string; address: AddressExpr }
  | { op: 'listen'; target: string; backlog?: number }
  /** Returns the peer's address; the new connection goes into the socket register `into`. */
  | { op: 'accept'; target: string; into: string; addressInto?: string }
  | { op: 'connect'; target: string; address: AddressExpr }
  /** Returns the number of bytes sent. */
  | { op: 'send'; target: string; data: BytesExpr }
  | { op: 'sendall'; target: string; data: BytesExpr }
  | { op: 'sendto'; target: string; data: BytesExpr; address: AddressExpr }
  /** Returns the bytes (or, with `as: "length"`, their number); `into` keeps the same value in a register. */
  | { op: 'recv'; target: string; n: number; into?: string; as?: 'bytes' | 'length' }
  /** Returns `[bytes, address]`. */
  | { op: 'recvfrom'; target: string; n: number; into?: string; addressInto?: string; as?: 'bytes' | 'length' }
  | { op: 'shutdown'; target: string; how: ShutdownHow }
  | { op: 'close'; target: string }
  | { op: 'setblocking'; target: string; flag: boolean }
  | { op: 'getblocking'; target: string }
  | { op: 'settimeout'; target: string; timeout: number | null }
  /** Returns the timeout in time units, or null. */
  | { op: 'gettimeout'; target: string }
  | { op: 'setsockopt'; target: string; option: SocketOption; value: number }
  | { op: 'getsockopt'; target: string; option: SocketOption }
  | { op: 'getsockname'; target: string; into?: string }
  | { op: 'getpeername'; target: string; into?: string }
  /** Returns `{ "family": "AF_INET", "type": "SOCK_STREAM" }`: the socket's s.family and s.type. */
  | { op: 'socket_info'; target: string }
  /** select.select; returns `[readable, writable, exceptional]`, each a list of socket names. */
  | { op: 'select'; rlist: string[]; wlist?: string[]; xlist?: string[]; timeout?: number | null }
  | { op: 'selector'; into: string; kind?: SelectorKind }
  /** Returns the key: `{ "fileobj": name, "events": mask, "data": data }`. */
  | { op: 'register'; target: string; fileobj: string; events: SelectorEvent[]; data?: string }
  | { op: 'unregister'; target: string; fileobj: string }
  | { op: 'modify'; target: string; fileobj: string; events: SelectorEvent[]; data?: string }
  /**
   * sel.select(timeout); returns `[[key, mask], …]`. With `handlers`, then runs, for each ready
   * key in order, the op list `handlers[key.data]` with the key's socket in the socket register
   * `into`: the documents' `callback = key.data; callback(key.fileobj, mask)`.
   */
  | { op: 'selector_select'; target: string; timeout?: number | null; into?: string; handlers?: { [data: string]: Op[] } };
