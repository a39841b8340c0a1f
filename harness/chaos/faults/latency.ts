/** Adds `ms` (plus up to `jitterMs`) to every piece: TCP keeps its order, UDP datagrams may pass each other. */
import { type Fault, type FaultOptions, bytesOnly, directionsOf } from '../fault';

export interface LatencyOptions extends FaultOptions {
  ms: number;
  jitterMs?: number;
}

export function latency(options: LatencyOptions): Fault {
  const jitter = options.jitterMs ?? 0;
  return {
    name: 'latency',
    directions: directionsOf(options),
    tcp: ({ random }) => bytesOnly(({ at, bytes }) => [{ at: at + options.ms + random.next() * jitter, bytes }]),
    udp: ({ random }) => ({ pass: ({ at, bytes }) => [{ at: at + options.ms + random.next() * jitter, bytes }] }),
  };
}
