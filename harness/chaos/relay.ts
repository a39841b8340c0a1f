/**
 * A toxiproxy-like relay on loopback, seeded and reproducible: clients connect to the relay's
 * port instead of the target's, and traffic passes through the configured faults (fault.ts,
 * faults/). TCP and UDP listen on the same port number, so "the same relay, the same faults"
 * can be compared across the two protocols: drop, duplicate and reorder lose, repeat and swap
 * UDP datagrams, while over TCP the same path only delays bytes that all arrive in order.
 *
 * Every decision comes from `seed`, per connection (or UDP peer), direction and fault; timing
 * decides only when, never whether. `close()` closes every socket and clears every timer.
 */
import type { Address } from '../../impl/net/stream-connection';
import type { Fault } from './fault';
import { SeededRandom } from './seeded-random';
import { TcpRelay } from './tcp-relay';
import { UdpRelay } from './udp-relay';

export interface ChaosRelayOptions {
  /** Where the real server listens (a loopback address). */
  target: Address;
  seed: number;
  faults: readonly Fault[];
  /** Which protocols to relay (default both). */
  protocols?: readonly ('tcp' | 'udp')[];
  /** Loopback host to listen on (default 127.0.0.1). */
  host?: string;
}

const SAME_PORT_ATTEMPTS = 10;

export class ChaosRelay {
  private constructor(
    readonly tcp: TcpRelay | null,
    readonly udp: UdpRelay | null,
    readonly seed: number,
  ) {}

  static async start(options: ChaosRelayOptions): Promise<ChaosRelay> {
    const protocols = options.protocols ?? ['tcp', 'udp'];
    const host = options.host ?? '127.0.0.1';
    const random = new SeededRandom(options.seed);
    const base = { target: options.target, faults: options.faults, random };
    if (!protocols.includes('tcp')) return new ChaosRelay(null, await UdpRelay.start({ ...base, listen: [host, 0] }), options.seed);
    for (let attempt = 1; ; attempt++) {
      const tcp = await TcpRelay.start({ ...base, listen: [host, 0] });
      if (!protocols.includes('udp')) return new ChaosRelay(tcp, null, options.seed);
      try {
        const udp = await UdpRelay.start({ ...base, listen: [host, tcp.address[1]] });
        return new ChaosRelay(tcp, udp, options.seed);
      } catch (error) {
        // The UDP port of that number is taken: try another TCP port.
        await tcp.close();
        if (attempt >= SAME_PORT_ATTEMPTS) throw error;
      }
    }
  }

  /** The relay's address (the same port for TCP and UDP when both are relayed). */
  get address(): Address {
    return (this.tcp ?? this.udp)!.address;
  }

  async close(): Promise<void> {
    await Promise.all([this.tcp?.close(), this.udp?.close()]);
  }
}
