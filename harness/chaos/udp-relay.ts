/**
 * The UDP half of the chaos relay: one front socket on loopback, and per client address a
 * session with its own socket towards the target (so the target's replies find their way back,
 * as through a NAT). Every datagram passes through the faults' datagram stages and is delivered
 * at its own time, so delayed ones are overtaken. Sessions live until the relay closes.
 */
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import type { Address } from '../../impl/net/stream-connection';
import { DeliveryQueue } from './delivery-queue';
import type { DatagramPiece, DatagramStage, Direction, Fault } from './fault';
import { assertLoopback } from './loopback';
import type { SeededRandom } from './seeded-random';

export interface DatagramStats {
  /** Datagrams that reached the relay in this direction. */
  received: number;
  /** Datagrams the relay sent on (duplicates count twice, drops not at all). */
  delivered: number;
}

export interface SessionStats {
  index: number;
  client: Address;
  upstream: DatagramStats;
  downstream: DatagramStats;
}

interface Session {
  stats: SessionStats;
  toTarget: dgram.Socket;
  stages: Record<Direction, DatagramStage[]>;
  queues: DeliveryQueue<Buffer>[];
}

export interface UdpRelayOptions {
  target: Address;
  faults: readonly Fault[];
  random: SeededRandom;
  listen?: Address;
}

function udpType(host: string): 'udp4' | 'udp6' {
  return net.isIPv6(host) ? 'udp6' : 'udp4';
}

export class UdpRelay {
  private readonly sessions = new Map<string, Session>();
  private closed = false;

  private constructor(
    private readonly front: dgram.Socket,
    private readonly options: UdpRelayOptions,
  ) {
    front.on('message', (data, from) => this.fromClient(data, [from.address, from.port]));
    front.on('error', () => undefined);
  }

  static async start(options: UdpRelayOptions): Promise<UdpRelay> {
    const [host, port] = options.listen ?? ['127.0.0.1', 0];
    assertLoopback(host, 'the relay');
    assertLoopback(options.target[0], 'the relay target');
    const front = dgram.createSocket(udpType(host));
    await new Promise<void>((resolve, reject) => {
      front.once('error', reject);
      front.bind(port, host, () => {
        front.off('error', reject);
        resolve();
      });
    });
    return new UdpRelay(front, options);
  }

  get address(): Address {
    const bound = this.front.address();
    return [bound.address, bound.port];
  }

  get stats(): SessionStats[] {
    return [...this.sessions.values()].map((s) => s.stats);
  }

  private session(client: Address): Session {
    const key = `${client[0]}|${client[1]}`;
    const existing = this.sessions.get(key);
    if (existing) return existing;
    const index = this.sessions.size;
    const [host, port] = this.options.target;
    const toTarget = dgram.createSocket(udpType(host));
    toTarget.on('error', () => undefined);
    toTarget.bind(0, net.isIPv6(host) ? '::1' : '127.0.0.1');
    const stats: SessionStats = { index, client, upstream: { received: 0, delivered: 0 }, downstream: { received: 0, delivered: 0 } };
    const stagesFor = (direction: Direction) =>
      this.options.faults.flatMap((fault, i) =>
        fault.udp && fault.directions.includes(direction)
          ? [fault.udp({ random: this.options.random.fork(`udp/${index}/${direction}/${i}/${fault.name}`), direction, session: index })]
          : [],
      );
    const session: Session = { stats, toTarget, stages: { upstream: stagesFor('upstream'), downstream: stagesFor('downstream') }, queues: [] };
    const up = new DeliveryQueue<Buffer>((bytes) => {
      stats.upstream.delivered += 1;
      toTarget.send(bytes, port, host);
    }, false);
    const down = new DeliveryQueue<Buffer>((bytes) => {
      stats.downstream.delivered += 1;
      this.front.send(bytes, client[1], client[0]);
    }, false);
    session.queues.push(up, down);
    toTarget.on('message', (data) => this.pass(session, 'downstream', data, down));
    this.sessions.set(key, session);
    return session;
  }

  private fromClient(data: Buffer, client: Address): void {
    if (this.closed) return;
    const session = this.session(client);
    this.pass(session, 'upstream', data, session.queues[0]!);
  }

  private pass(session: Session, direction: Direction, data: Buffer, queue: DeliveryQueue<Buffer>): void {
    session.stats[direction].received += 1;
    let pieces: DatagramPiece[] = [{ at: performance.now(), bytes: data }];
    for (const stage of session.stages[direction]) pieces = pieces.flatMap((p) => stage.pass(p));
    for (const piece of pieces) queue.schedule(piece.at, piece.bytes);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const sockets = [this.front, ...[...this.sessions.values()].map((s) => s.toTarget)];
    for (const session of this.sessions.values()) for (const queue of session.queues) queue.clear();
    await Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))));
  }
}
