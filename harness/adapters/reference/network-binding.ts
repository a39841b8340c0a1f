import type { Capability } from '../../capability';
import type { Json, Op } from '../../scenario/model';
import type { SocketObjectDecl, SocketObjectType, SocketOp } from '../../scenario/socket-model';

/**
 * How the thread executor reaches an implementation's sockets. A socket, unlike a lock, cannot
 * cross worker threads in Node, so there are no handles: each actor's worker opens the declared
 * sockets it owns (socket-ownership.ts) before the run starts, publishes their ports on a shared
 * board so every actor can address them, and performs the socket ops of its own actor.
 */

/** Where one declared socket lives and how others find it. */
export interface DeclaredSocketPlan {
  decl: SocketObjectDecl;
  /** Index of the actor whose worker opens it: the one actor that operates on it (others only address it). */
  owner: number;
  /** Its slot on the port board. */
  slot: number;
  /** For AF_UNIX: the path, chosen by the main thread in a fresh directory. */
  path?: string;
}

export interface NetworkPlan {
  sockets: Record<string, DeclaredSocketPlan>;
  /** Int32 per slot: the bound port, 0 until the owner has published it. */
  board: SharedArrayBuffer;
}

export interface NetworkEnv {
  /** The actor's value registers (recv's `into`, accept's `addressInto`, …). */
  registers: Map<string, Json>;
  /** Milliseconds per scenario time unit. */
  unitMs: number;
}

/** What a socket op returned, and for a dispatching selector_select the handlers to run next. */
export interface NetworkOutcome {
  value: Json;
  /** In order: bind the key's socket (before running its handler), then run `ops`. */
  dispatch?: { bind(): void; ops: Op[] }[];
}

/** The socket layer of one actor in one run. */
export interface ActorNetwork {
  /** The name the history records as the op's target (a socket's label, a selector register). */
  targetOf(op: SocketOp): string | undefined;
  perform(op: SocketOp, env: NetworkEnv): Promise<NetworkOutcome>;
  /** Whether the actor has open sockets: its sleeps must then let Node's event loop (the "kernel") run. */
  readonly busy: boolean;
  /** Closes every socket and selector of the actor (its declared sockets too). */
  close(): void;
}

export interface NetworkBinding {
  readonly objectTypes: ReadonlySet<SocketObjectType>;
  /** What it provides: tcp, udp, unix-sockets, select. */
  readonly capabilities: ReadonlySet<Capability>;
  /** Main thread: why a declared socket cannot be provided, or undefined when it can. */
  unsupported(decl: SocketObjectDecl): string | undefined;
  /** Actor worker: opens the declared sockets this actor owns, publishes their ports, returns the actor's layer. */
  open(plan: NetworkPlan, actorIndex: number): Promise<ActorNetwork>;
}
