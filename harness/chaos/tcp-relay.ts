/**
 * The TCP half of the chaos relay: accepts clients on loopback, opens one connection to the
 * target per client, and pumps each direction through the faults' stages and a delivery queue.
 * A reset from either side is passed on as a reset to the other; a FIN is passed on in order,
 * after the data before it.
 */
import * as net from 'node:net';
import type { Address } from '../../impl/net/stream-connection';
import { DeliveryQueue } from './delivery-queue';
import type { Direction, Fault, StreamPiece, StreamStage } from './fault';
import { assertLoopback } from './loopback';
import type { SeededRandom } from './seeded-random';

/** Sizes of the relay's writes are kept for the first this many writes per direction. */
const WRITES_KEPT = 10_000;

export interface DirectionStats {
  bytesIn: number;
  bytesOut: number;
  /** Sizes of the relay's writes to the receiver, in order (the first WRITES_KEPT). */
  writes: number[];
  stalled: boolean;
  ended: boolean;
}

export interface ConnectionStats {
  index: number;
  upstream: DirectionStats;
  downstream: DirectionStats;
  /** The relay reset the connection (a reset-peer fault, or a reset from one side passed on). */
  reset: boolean;
  closed: boolean;
}

type Delivery = { bytes: Buffer } | { signal: 'reset' | 'stall' | 'end' };

function newStats(): DirectionStats {
  return { bytesIn: 0, bytesOut: 0, writes: [], stalled: false, ended: false };
}

/** Closes with RST unless our FIN already left (Node 20 leaks resetAndDestroy after end()). */
function resetSocket(socket: net.Socket): void {
  if (socket.destroyed) return;
  if (socket.writableEnded) socket.destroy();
  else socket.resetAndDestroy();
}

class RelayedConnection {
  readonly stats: ConnectionStats;
  readonly closed: Promise<void>;
  private readonly queues: DeliveryQueue<Delivery>[] = [];

  constructor(
    index: number,
    private readonly client: net.Socket,
    private readonly target: net.Socket,
    faults: readonly Fault[],
    random: SeededRandom,
  ) {
    this.stats = { index, upstream: newStats(), downstream: newStats(), reset: false, closed: false };
    this.closed = Promise.all([whenClosed(client), whenClosed(target)]).then(() => {
      this.stats.closed = true;
      for (const queue of this.queues) queue.clear();
    });
    client.setNoDelay(true);
    target.setNoDelay(true);
    this.pump('upstream', client, target, faults, random);
    this.pump('downstream', target, client, faults, random);
  }

  private pump(direction: Direction, from: net.Socket, to: net.Socket, faults: readonly Fault[], random: SeededRandom): void {
    const stats = this.stats[direction];
    const stages: StreamStage[] = [];
    faults.forEach((fault, i) => {
      if (fault.tcp && fault.directions.includes(direction)) {
        stages.push(fault.tcp({ random: random.fork(`tcp/${this.stats.index}/${direction}/${i}/${fault.name}`), direction, session: this.stats.index }));
      }
    });
    const queue = new DeliveryQueue<Delivery>((delivery) => {
      if ('bytes' in delivery) {
        if (to.destroyed || to.writableEnded) return;
        stats.bytesOut += delivery.bytes.length;
        if (stats.writes.length < WRITES_KEPT) stats.writes.push(delivery.bytes.length);
        if (!to.write(delivery.bytes) && !stats.stalled) {
          from.pause();
          to.once('drain', () => {
            if (!stats.stalled && !from.destroyed) from.resume();
          });
        }
      } else if (delivery.signal === 'end') {
        stats.ended = true;
        if (!to.destroyed) to.end();
      } else if (delivery.signal === 'reset') {
        this.reset();
      } else {
        stats.stalled = true;
        from.pause();
      }
    }, true);
    this.queues.push(queue);
    const schedule = (pieces: StreamPiece[]) => {
      for (const piece of pieces) queue.schedule(piece.at, 'signal' in piece ? { signal: piece.signal } : { bytes: piece.bytes });
    };
    from.on('data', (chunk: Buffer) => {
      stats.bytesIn += chunk.length;
      let pieces: StreamPiece[] = [{ at: performance.now(), bytes: chunk }];
      for (const stage of stages) pieces = pieces.flatMap((p) => stage.pass(p));
      schedule(pieces);
    });
    from.on('end', () => queue.schedule(performance.now(), { signal: 'end' }));
    from.on('error', () => this.reset());
    from.on('close', () => {
      // The peer vanished without a FIN we could pass on (e.g. destroyed): pass its end on.
      if (!to.destroyed && !stats.ended && !from.readableEnded) resetSocket(to);
    });
  }

  /** Resets both sides, as a reset-peer fault or a reset from one side demands. */
  reset(): void {
    this.stats.reset = true;
    for (const queue of this.queues) queue.clear();
    resetSocket(this.client);
    resetSocket(this.target);
  }

  /** Closes both sides now (relay shutdown). */
  destroy(): void {
    for (const queue of this.queues) queue.clear();
    this.client.destroy();
    this.target.destroy();
  }
}

function whenClosed(socket: net.Socket): Promise<void> {
  return socket.closed ? Promise.resolve() : new Promise((resolve) => socket.once('close', () => resolve()));
}

export interface TcpRelayOptions {
  target: Address;
  faults: readonly Fault[];
  random: SeededRandom;
  /** Address to listen on (default 127.0.0.1, any free port). */
  listen?: Address;
}

export class TcpRelay {
  private readonly connections: RelayedConnection[] = [];
  private constructor(
    private readonly server: net.Server,
    private readonly options: TcpRelayOptions,
  ) {}

  static async start(options: TcpRelayOptions): Promise<TcpRelay> {
    const [host, port] = options.listen ?? ['127.0.0.1', 0];
    assertLoopback(host, 'the relay');
    assertLoopback(options.target[0], 'the relay target');
    const server = net.createServer({ pauseOnConnect: true });
    const relay = new TcpRelay(server, options);
    server.on('connection', (socket) => relay.accept(socket));
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return relay;
  }

  get address(): Address {
    const bound = this.server.address() as net.AddressInfo;
    return [bound.address, bound.port];
  }

  /** One entry per connection made through the relay, in order. */
  get stats(): ConnectionStats[] {
    return this.connections.map((c) => c.stats);
  }

  private accept(client: net.Socket): void {
    client.on('error', () => undefined);
    // Read nothing from the client until the target is there (adding 'data' listeners would
    // otherwise start the flow).
    client.pause();
    const [host, port] = this.options.target;
    const target = net.connect({ host, port });
    target.on('error', () => undefined);
    const index = this.connections.length;
    target.once('connect', () => client.resume());
    this.connections.push(new RelayedConnection(index, client, target, this.options.faults, this.options.random));
  }

  /** Stops listening and closes every connection; resolves when all sockets are closed. */
  async close(): Promise<void> {
    const serverClosed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const connection of this.connections) connection.destroy();
    await Promise.all(this.connections.map((c) => c.closed));
    await serverClosed;
  }
}
