/**
 * Packet loss with probability `probability`. UDP: the datagram is gone. TCP: the segment is
 * retransmitted after `rtoMs` (TCP's retransmission timeout), so the bytes arrive late but arrive.
 */
import { type Fault, type FaultOptions, directionsOf } from '../fault';
import { DEFAULT_MSS, segmentDelays } from './segments';

export interface DropOptions extends FaultOptions {
  probability: number;
  rtoMs?: number;
  mss?: number;
}

export function drop(options: DropOptions): Fault {
  const rto = options.rtoMs ?? 200;
  return {
    name: 'drop',
    directions: directionsOf(options),
    udp: ({ random }) => ({ pass: (piece) => (random.chance(options.probability) ? [] : [piece]) }),
    tcp: (context) => segmentDelays(context, options.mss ?? DEFAULT_MSS, ({ random }) => (random.chance(options.probability) ? rto : 0)),
  };
}
