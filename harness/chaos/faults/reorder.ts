/**
 * Reordering: with probability `probability` a datagram (UDP) or segment (TCP) is held back
 * `delayMs`. UDP datagrams sent after it overtake it; TCP holds the later bytes until it arrives,
 * so the stream stays in order and only arrives later.
 */
import { type Fault, type FaultOptions, directionsOf } from '../fault';
import { DEFAULT_MSS, segmentDelays } from './segments';

export interface ReorderOptions extends FaultOptions {
  probability: number;
  delayMs?: number;
  mss?: number;
}

export function reorder(options: ReorderOptions): Fault {
  const delay = options.delayMs ?? 100;
  return {
    name: 'reorder',
    directions: directionsOf(options),
    udp: ({ random }) => ({ pass: (piece) => [random.chance(options.probability) ? { at: piece.at + delay, bytes: piece.bytes } : piece] }),
    tcp: (context) => segmentDelays(context, options.mss ?? DEFAULT_MSS, ({ random }) => (random.chance(options.probability) ? delay : 0)),
  };
}
