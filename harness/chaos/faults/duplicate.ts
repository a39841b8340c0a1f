/**
 * Duplication with probability `probability`. UDP: the datagram is delivered twice. TCP: the
 * receiving stack discards the duplicate segment, so the application sees nothing (no stage).
 */
import { type Fault, type FaultOptions, directionsOf } from '../fault';

export interface DuplicateOptions extends FaultOptions {
  probability: number;
}

export function duplicate(options: DuplicateOptions): Fault {
  return {
    name: 'duplicate',
    directions: directionsOf(options),
    udp: ({ random }) => ({
      pass: (piece) => (random.chance(options.probability) ? [piece, { at: piece.at, bytes: Buffer.from(piece.bytes) }] : [piece]),
    }),
  };
}
