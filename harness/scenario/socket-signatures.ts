import type { OpSignature } from './op-signatures';
import type { SocketObjectType, SocketOp } from './socket-model';

/**
 * Signatures of the socket operations and the fields of declared sockets, merged into
 * OP_SIGNATURES and OBJECT_FIELDS (op-signatures.ts) so one table drives the validator, the
 * JSON Schema and the executors.
 */

export const SOCKET_OBJECT_TYPES: readonly SocketObjectType[] = ['tcp-listener', 'unix-listener', 'udp-socket'];

/** A declared socket or a socket register may be the target of every socket op; CPython decides what fails (an OSError). */
const onSocket = (required: OpSignature['required'] = {}, optional: OpSignature['optional'] = {}): OpSignature => ({
  required: { target: 'socket', ...required },
  optional,
  targets: SOCKET_OBJECT_TYPES,
});

const onSelector = (required: OpSignature['required'] = {}, optional: OpSignature['optional'] = {}): OpSignature => ({
  required: { target: 'selector', ...required },
  optional,
  targets: SOCKET_OBJECT_TYPES,
});

type SocketOpName = SocketOp['op'];

export const SOCKET_OP_SIGNATURES: Readonly<Record<SocketOpName, OpSignature>> = {
  socket: { required: { into: 'socket-register' }, optional: { family: 'socket-family', type: 'socket-type' } },
  bind: onSocket({ address: 'address' }),
  listen: onSocket({}, { backlog: 'count' }),
  accept: onSocket({ into: 'socket-register' }, { addressInto: 'register' }),
  connect: onSocket({ address: 'address' }),
  send: onSocket({ data: 'bytes' }),
  sendall: onSocket({ data: 'bytes' }),
  sendto: onSocket({ data: 'bytes', address: 'address' }),
  recv: onSocket({ n: 'byte-count' }, { into: 'register', as: 'recv-result' }),
  recvfrom: onSocket({ n: 'byte-count' }, { into: 'register', addressInto: 'register', as: 'recv-result' }),
  shutdown: onSocket({ how: 'shutdown-how' }),
  close: onSocket(),
  setblocking: onSocket({ flag: 'boolean' }),
  getblocking: onSocket(),
  settimeout: onSocket({ timeout: 'timeout' }),
  gettimeout: onSocket(),
  setsockopt: onSocket({ option: 'socket-option', value: 'integer' }),
  getsockopt: onSocket({ option: 'socket-option' }),
  getsockname: onSocket({}, { into: 'register' }),
  getpeername: onSocket({}, { into: 'register' }),
  socket_info: onSocket(),
  select: { required: { rlist: 'socket-list' }, optional: { wlist: 'socket-list', xlist: 'socket-list', timeout: 'timeout' }, targets: SOCKET_OBJECT_TYPES },
  selector: { required: { into: 'selector-register' }, optional: { kind: 'selector-kind' } },
  register: onSelector({ fileobj: 'socket', events: 'selector-events' }, { data: 'label' }),
  unregister: onSelector({ fileobj: 'socket' }),
  modify: onSelector({ fileobj: 'socket', events: 'selector-events' }, { data: 'label' }),
  selector_select: onSelector({}, { timeout: 'timeout', into: 'socket-register', handlers: 'handlers' }),
};

export const SOCKET_OP_NAMES = Object.keys(SOCKET_OP_SIGNATURES) as SocketOpName[];

export const SOCKET_OBJECT_FIELDS: Readonly<Record<SocketObjectType, readonly string[]>> = {
  'tcp-listener': ['family', 'backlog', 'reuseaddr'],
  'unix-listener': ['backlog'],
  'udp-socket': ['family'],
};

/** The values of the model's enumerated fields. */
export const SOCKET_CHOICES = {
  'socket-family': ['inet', 'inet6', 'unix'],
  'socket-type': ['stream', 'dgram'],
  'shutdown-how': ['SHUT_RD', 'SHUT_WR', 'SHUT_RDWR'],
  'socket-option': ['SO_REUSEADDR', 'TCP_NODELAY', 'SO_RCVBUF'],
  'selector-kind': ['default', 'select'],
  'recv-result': ['bytes', 'length'],
} as const;

export type SocketChoiceKind = keyof typeof SOCKET_CHOICES;

export const SELECTOR_EVENTS = ['read', 'write'] as const;

/** Largest `n` of recv and `size` of a filled block: beyond this a scenario is a typo, not a test. */
export const MAX_SCENARIO_BYTES = 64 * 1024 * 1024;
