import {
  AF_INET,
  AF_INET6,
  AF_UNIX,
  DefaultSelector,
  EVENT_READ,
  EVENT_WRITE,
  FAMILY_NAMES,
  IPPROTO_TCP,
  KIND_NAMES,
  KeyError,
  SHUT_RD,
  SHUT_RDWR,
  SHUT_WR,
  SO_RCVBUF,
  SO_REUSEADDR,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  SelectSelector,
  Socket,
  TCP_NODELAY,
  select,
  type SelectorKey,
  type SocketAddress,
} from '../../../impl/net/socket';
import { asciiUpper, bytesToJson, filled, jsonToBytes } from '../../scenario/bytes-json';
import type { Json } from '../../scenario/model';
import type { AddressExpr, BytesExpr, SelectorEvent, SocketOp, SocketOption } from '../../scenario/socket-model';
import { declaredAddress } from './declared-sockets';
import { unixPathInfo } from './unix-path-info';
import type { ActorNetwork, NetworkEnv, NetworkOutcome, NetworkPlan } from './network-binding';

/**
 * The socket ops of one actor, performed with the reference socket facade (impl/net/socket) the
 * way the Python call each op names would be. Sockets are known by label: a declared socket by
 * its name, a socket made by an op by the register it was first stored in (`conn`, then `conn#2`,
 * `conn#3` for later sockets stored in the same register), which is what the history records as
 * the target and what select and selectors report.
 */

type Selector = DefaultSelector<string | null> | SelectSelector<string | null>;

const OPTIONS: Record<SocketOption, [number, number]> = {
  SO_REUSEADDR: [SOL_SOCKET, SO_REUSEADDR],
  TCP_NODELAY: [IPPROTO_TCP, TCP_NODELAY],
  SO_RCVBUF: [SOL_SOCKET, SO_RCVBUF],
};
const SHUTDOWN = { SHUT_RD, SHUT_WR, SHUT_RDWR } as const;
const FAMILIES = { inet: AF_INET, inet6: AF_INET6, unix: AF_UNIX } as const;

function pythonError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

function eventMask(events: readonly SelectorEvent[]): number {
  return (events.includes('read') ? EVENT_READ : 0) | (events.includes('write') ? EVENT_WRITE : 0);
}

function addressJson(address: SocketAddress | null): Json {
  return address === null ? null : Array.isArray(address) ? ([...address] as Json) : (address as string);
}

export class ReferenceActorNetwork implements ActorNetwork {
  /** What each name (declared socket or socket register) refers to now. */
  private readonly named = new Map<string, Socket>();
  private readonly labels = new Map<Socket, string>();
  private readonly labelUses = new Map<string, number>();
  private readonly selectors = new Map<string, Selector>();

  constructor(
    private readonly plan: NetworkPlan,
    owned: ReadonlyMap<string, Socket>,
  ) {
    for (const [name, socket] of owned) {
      this.named.set(name, socket);
      this.labels.set(socket, name);
      this.labelUses.set(name, 1);
    }
  }

  get busy(): boolean {
    for (const socket of this.labels.keys()) if (!socket.closed) return true;
    return false;
  }

  targetOf(op: SocketOp): string | undefined {
    if (op.op === 'socket') return this.nextLabel(op.into, false);
    if (op.op === 'selector') return op.into;
    if (op.op === 'select') return undefined;
    const socket = this.named.get(op.target);
    return socket === undefined ? op.target : (this.labels.get(socket) ?? op.target);
  }

  close(): void {
    for (const selector of this.selectors.values()) selector.close();
    for (const socket of this.labels.keys()) socket.close();
  }

  private nextLabel(register: string, take: boolean): string {
    const uses = this.labelUses.get(register) ?? 0;
    if (take) this.labelUses.set(register, uses + 1);
    return uses === 0 ? register : `${register}#${uses + 1}`;
  }

  private store(register: string, socket: Socket): string {
    const label = this.nextLabel(register, true);
    this.labels.set(socket, label);
    this.named.set(register, socket);
    return label;
  }

  private socket(name: string): Socket {
    const socket = this.named.get(name);
    if (socket === undefined) throw pythonError('NameError', `no socket "${name}" yet: nothing has been stored in it`);
    return socket;
  }

  private label(socket: Socket): string {
    return this.labels.get(socket) ?? '?';
  }

  private selector(name: string): Selector {
    const selector = this.selectors.get(name);
    if (selector === undefined) throw pythonError('NameError', `no selector "${name}" yet`);
    return selector;
  }

  private bytes(expr: BytesExpr, env: NetworkEnv): Buffer {
    if (typeof expr === 'object' && 'reg' in expr) {
      const held = env.registers.get(expr.reg);
      if (held === undefined) throw pythonError('NameError', `register "${expr.reg}" has not been written yet`);
      const bytes = jsonToBytes(held);
      if (bytes === undefined) throw new TypeError(`a bytes-like object is required, not ${JSON.stringify(held)}`);
      return expr.upper === true ? asciiUpper(bytes) : bytes;
    }
    if (typeof expr === 'object' && 'fill' in expr) return filled(expr.fill, expr.size);
    return jsonToBytes(expr) ?? Buffer.alloc(0);
  }

  private address(expr: AddressExpr, env: NetworkEnv): SocketAddress {
    if (Array.isArray(expr)) return expr;
    if ('of' in expr) return declaredAddress(this.plan, expr.of);
    const held = env.registers.get(expr.reg);
    if (held === undefined) throw pythonError('NameError', `register "${expr.reg}" has not been written yet`);
    return held as SocketAddress;
  }

  private received(bytes: Buffer, as: 'bytes' | 'length' | undefined): Json {
    return as === 'length' ? bytes.length : bytesToJson(bytes);
  }

  private keyJson(key: SelectorKey<string | null>): Json {
    return { fileobj: this.label(key.fileobj), events: key.events, data: key.data };
  }

  async perform(op: SocketOp, env: NetworkEnv): Promise<NetworkOutcome> {
    const seconds = (units: number | null | undefined) => (units === null || units === undefined ? null : units < 0 ? units : (units * env.unitMs) / 1000);
    const put = (register: string | undefined, value: Json) => {
      if (register !== undefined) env.registers.set(register, value);
    };
    const done = (value: Json): NetworkOutcome => ({ value });
    switch (op.op) {
      case 'socket': {
        const socket = new Socket(FAMILIES[op.family ?? 'inet'], op.type === 'dgram' ? SOCK_DGRAM : SOCK_STREAM);
        return done(this.store(op.into, socket));
      }
      case 'bind':
        await this.socket(op.target).bind(this.address(op.address, env));
        return done(null);
      case 'listen':
        await this.socket(op.target).listen(op.backlog);
        return done(null);
      case 'accept': {
        const [conn, peer] = await this.socket(op.target).accept();
        put(op.addressInto, addressJson(peer));
        return done([this.store(op.into, conn), addressJson(peer)]);
      }
      case 'connect':
        await this.socket(op.target).connect(this.address(op.address, env));
        return done(null);
      case 'send':
        return done(await this.socket(op.target).send(this.bytes(op.data, env)));
      case 'sendall':
        await this.socket(op.target).sendall(this.bytes(op.data, env));
        return done(null);
      case 'sendto':
        return done(await this.socket(op.target).sendto(this.bytes(op.data, env), this.address(op.address, env)));
      case 'recv': {
        const value = this.received(await this.socket(op.target).recv(op.n), op.as);
        put(op.into, value);
        return done(value);
      }
      case 'recvfrom': {
        const [bytes, from] = await this.socket(op.target).recvfrom(op.n);
        const value = this.received(bytes, op.as);
        put(op.into, value);
        put(op.addressInto, addressJson(from));
        return done([value, addressJson(from)]);
      }
      case 'shutdown':
        this.socket(op.target).shutdown(SHUTDOWN[op.how]);
        return done(null);
      case 'close':
        this.socket(op.target).close();
        return done(null);
      case 'setblocking':
        this.socket(op.target).setblocking(op.flag);
        return done(null);
      case 'getblocking':
        return done(this.socket(op.target).getblocking());
      case 'settimeout':
        this.socket(op.target).settimeout(seconds(op.timeout));
        return done(null);
      case 'gettimeout': {
        const timeout = this.socket(op.target).gettimeout();
        return done(timeout === null ? null : Math.round(((timeout * 1000) / env.unitMs) * 1e9) / 1e9);
      }
      case 'setsockopt':
        this.socket(op.target).setsockopt(...OPTIONS[op.option], op.value);
        return done(null);
      case 'getsockopt':
        return done(this.socket(op.target).getsockopt(...OPTIONS[op.option]));
      case 'getsockname':
      case 'getpeername': {
        const socket = this.socket(op.target);
        const address = addressJson(op.op === 'getsockname' ? socket.getsockname() : socket.getpeername());
        put(op.into, address);
        return done(address);
      }
      case 'socket_info': {
        const socket = this.socket(op.target);
        return done({ family: FAMILY_NAMES[socket.family], type: KIND_NAMES[socket.type], ...unixPathInfo(socket.getsockname()) });
      }
      case 'select': {
        const lists = [op.rlist, op.wlist ?? [], op.xlist ?? []].map((names) => names.map((n) => this.socket(n)));
        const ready = await select(lists[0], lists[1], lists[2], seconds(op.timeout));
        return done(ready.map((list) => list.map((s) => this.label(s))));
      }
      case 'selector':
        this.selectors.set(op.into, op.kind === 'select' ? new SelectSelector<string | null>() : new DefaultSelector<string | null>());
        return done(null);
      case 'register':
        return done(this.keyJson(this.selector(op.target).register(this.socket(op.fileobj), eventMask(op.events), op.data ?? null)));
      case 'modify':
        return done(this.keyJson(this.selector(op.target).modify(this.socket(op.fileobj), eventMask(op.events), op.data ?? null)));
      case 'unregister':
        return done(this.keyJson(this.selector(op.target).unregister(this.socket(op.fileobj))));
      case 'selector_select':
        return this.selectorSelect(op, seconds(op.timeout));
    }
  }

  private async selectorSelect(op: Extract<SocketOp, { op: 'selector_select' }>, timeout: number | null): Promise<NetworkOutcome> {
    const events = await this.selector(op.target).select(timeout);
    const value: Json = events.map(([key, mask]) => [this.keyJson(key), mask]);
    if (op.handlers === undefined) return { value };
    const handlers = op.handlers;
    const missing = events.find(([key]) => key.data === null || !Object.prototype.hasOwnProperty.call(handlers, key.data));
    if (missing !== undefined) throw new KeyError(`no handler for the data ${JSON.stringify(missing[0].data)} of ${this.label(missing[0].fileobj)}`);
    const into = op.into;
    return {
      value,
      dispatch: events.map(([key]) => ({
        bind: () => {
          if (into !== undefined) this.named.set(into, key.fileobj);
        },
        ops: handlers[key.data as string],
      })),
    };
  }
}
