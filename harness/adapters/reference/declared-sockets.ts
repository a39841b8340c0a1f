import {
  AF_INET,
  AF_INET6,
  AF_UNIX,
  SO_REUSEADDR,
  SOCK_DGRAM,
  SOCK_STREAM,
  SOL_SOCKET,
  Socket,
  type SocketAddress,
} from '../../../impl/net/socket';
import type { SocketObjectDecl } from '../../scenario/socket-model';
import type { NetworkPlan } from './network-binding';

/**
 * Declared sockets in the reference: each is opened by its owner's worker before the run starts
 * (bound on loopback, listening if it is a listener) and its port is published on the shared
 * board, which every actor reads when it addresses the socket with `{ "of": name }`. The run
 * starts only after every worker is ready, so every port is on the board before any actor runs.
 */

const LOOPBACK = { inet: '127.0.0.1', inet6: '::1' } as const;

function familyOf(decl: SocketObjectDecl): 'inet' | 'inet6' | 'unix' {
  if (decl.type === 'unix-listener') return 'unix';
  return decl.family ?? 'inet';
}

async function open(decl: SocketObjectDecl, path: string | undefined): Promise<Socket> {
  const family = familyOf(decl);
  const socket = new Socket(family === 'unix' ? AF_UNIX : family === 'inet6' ? AF_INET6 : AF_INET, decl.type === 'udp-socket' ? SOCK_DGRAM : SOCK_STREAM);
  try {
    if (decl.type === 'tcp-listener' && decl.reuseaddr === true) socket.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1);
    if (family === 'unix') {
      if (path === undefined) throw new Error('an AF_UNIX socket was planned without a path');
      await socket.bind(path);
    } else await socket.bind([LOOPBACK[family], 0]);
    if (decl.type !== 'udp-socket') await socket.listen(decl.backlog ?? 128);
    // A UDP socket's port is assigned by bind; Node reports it once bound.
    return socket;
  } catch (e) {
    socket.close();
    throw e;
  }
}

/** Opens the declared sockets `actorIndex` owns and publishes their ports; all or none. */
export async function openDeclaredSockets(plan: NetworkPlan, actorIndex: number): Promise<Map<string, Socket>> {
  const board = new Int32Array(plan.board);
  const opened = new Map<string, Socket>();
  try {
    for (const [name, entry] of Object.entries(plan.sockets)) {
      if (entry.owner !== actorIndex) continue;
      const socket = await open(entry.decl, entry.path);
      opened.set(name, socket);
      const address = socket.getsockname();
      if (Array.isArray(address)) Atomics.store(board, entry.slot, address[1]);
    }
  } catch (e) {
    for (const socket of opened.values()) socket.close();
    throw new Error(`opening the declared sockets failed: ${(e as Error).message}`);
  }
  return opened;
}

/** The address `{ "of": name }` stands for. */
export function declaredAddress(plan: NetworkPlan, name: string): SocketAddress {
  const entry = plan.sockets[name];
  if (entry === undefined) throw new Error(`no declared socket "${name}"`);
  const family = familyOf(entry.decl);
  if (family === 'unix') return entry.path ?? '';
  const port = Atomics.load(new Int32Array(plan.board), entry.slot);
  if (port === 0) throw new Error(`the port of "${name}" was never published`);
  return [LOOPBACK[family], port];
}
