import type { Json, ObjectDecl, Op, ValueExpr } from '../harness/scenario/model';
import type { AddressExpr, BytesExpr, SelectorEvent, SelectorKind, ShutdownHow, SocketFamily, SocketOption } from '../harness/scenario/socket-model';

/**
 * Builders for the socket part of the scenario model (harness/scenario/socket-model.ts), the
 * companion of spec/dsl.ts. Like it, they only build plain JSON. Timeouts are in time units.
 */

type Wait = { timeout?: number | null };

/** Declared sockets. */
export const sockets = {
  tcpListener: (o: { family?: 'inet' | 'inet6'; backlog?: number; reuseaddr?: boolean } = {}): ObjectDecl => ({ type: 'tcp-listener', ...o }),
  unixListener: (o: { backlog?: number } = {}): ObjectDecl => ({ type: 'unix-listener', ...o }),
  udpSocket: (o: { family?: 'inet' | 'inet6' } = {}): ObjectDecl => ({ type: 'udp-socket', ...o }),
};

/** `{ "of": name }`: the address a declared socket is bound to. */
export const addressOf = (name: string): AddressExpr => ({ of: name });
/** `{ "reg": name }`: an address or bytes held in a register. */
export const reg = (name: string): { reg: string } => ({ reg: name });
/** `n` bytes of `text` repeated. */
export const fill = (text: string, size: number): BytesExpr => ({ fill: text, size });

const opt = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export const net = {
  socket: (into: string, o: { family?: SocketFamily; type?: 'stream' | 'dgram' } = {}): Op => ({ op: 'socket', into, ...opt(o) }),
  udp: (into: string): Op => ({ op: 'socket', into, type: 'dgram' }),
  bind: (target: string, address: AddressExpr): Op => ({ op: 'bind', target, address }),
  listen: (target: string, backlog?: number): Op => (backlog === undefined ? { op: 'listen', target } : { op: 'listen', target, backlog }),
  accept: (target: string, into: string, o: { addressInto?: string } = {}): Op => ({ op: 'accept', target, into, ...opt(o) }),
  connect: (target: string, address: AddressExpr): Op => ({ op: 'connect', target, address }),
  send: (target: string, data: BytesExpr): Op => ({ op: 'send', target, data }),
  sendall: (target: string, data: BytesExpr): Op => ({ op: 'sendall', target, data }),
  sendto: (target: string, data: BytesExpr, address: AddressExpr): Op => ({ op: 'sendto', target, data, address }),
  recv: (target: string, n: number, o: { into?: string; as?: 'bytes' | 'length' } = {}): Op => ({ op: 'recv', target, n, ...opt(o) }),
  recvfrom: (target: string, n: number, o: { into?: string; addressInto?: string; as?: 'bytes' | 'length' } = {}): Op => ({ op: 'recvfrom', target, n, ...opt(o) }),
  shutdown: (target: string, how: ShutdownHow): Op => ({ op: 'shutdown', target, how }),
  close: (target: string): Op => ({ op: 'close', target }),
  setblocking: (target: string, flag: boolean): Op => ({ op: 'setblocking', target, flag }),
  getblocking: (target: string): Op => ({ op: 'getblocking', target }),
  settimeout: (target: string, timeout: number | null): Op => ({ op: 'settimeout', target, timeout }),
  gettimeout: (target: string): Op => ({ op: 'gettimeout', target }),
  setsockopt: (target: string, option: SocketOption, value: number): Op => ({ op: 'setsockopt', target, option, value }),
  getsockopt: (target: string, option: SocketOption): Op => ({ op: 'getsockopt', target, option }),
  getsockname: (target: string, into?: string): Op => (into === undefined ? { op: 'getsockname', target } : { op: 'getsockname', target, into }),
  getpeername: (target: string, into?: string): Op => (into === undefined ? { op: 'getpeername', target } : { op: 'getpeername', target, into }),
  info: (target: string): Op => ({ op: 'socket_info', target }),
  select: (rlist: string[], o: { wlist?: string[]; xlist?: string[] } & Wait = {}): Op => ({ op: 'select', rlist, ...opt(o) }),
  selector: (into: string, kind?: SelectorKind): Op => (kind === undefined ? { op: 'selector', into } : { op: 'selector', into, kind }),
  register: (selector: string, fileobj: string, events: SelectorEvent[], data?: string): Op => ({ op: 'register', target: selector, fileobj, events, ...opt({ data }) }),
  unregister: (selector: string, fileobj: string): Op => ({ op: 'unregister', target: selector, fileobj }),
  selectorSelect: (selector: string, o: { into?: string; handlers?: Record<string, Op[]> } & Wait = {}): Op => ({ op: 'selector_select', target: selector, ...opt(o) }),
};

/** `if value == equals: then else: otherwise`. */
export function when(value: ValueExpr, equals: Json, then: Op[], otherwise?: Op[]): Op {
  return otherwise === undefined ? { op: 'when', value, equals, then } : { op: 'when', value, equals, then, else: otherwise };
}

/** A client's opening: a TCP socket in `into`, connected to the declared listener `listener`. */
export function connectTo(listener: string, into = 'c'): Op[] {
  return [net.socket(into), net.connect(into, addressOf(listener))];
}
