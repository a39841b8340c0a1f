/**
 * The reference socket facade: Python's socket, select and selectors modules over Node's net and
 * dgram, with Linux's byte semantics and errnos. See docs/reference-implementation.md.
 */
export * from './constants';
export { Socket, type SelectState } from './socket';
export { select } from './select';
export { DefaultSelector, SelectSelector, SelectorKey } from './selectors';
export { parseAddress, type InetAddress, type Inet6Address, type SocketAddress } from './address';
export {
  BlockingIOError,
  BrokenPipeError,
  ConnectionAbortedError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionResetError,
  KeyError,
  NotSupportedError,
  OSError,
  TimeoutError,
  errnoNumber,
  osError,
  type ErrnoName,
} from './os-errors';

import { AF_INET, SOCK_STREAM, type AddressFamily, type SocketKind } from './constants';
import { Socket } from './socket';

/** socket.socket(family=AF_INET, type=SOCK_STREAM) */
export function socket(family: AddressFamily = AF_INET, type: SocketKind = SOCK_STREAM): Socket {
  return new Socket(family, type);
}
