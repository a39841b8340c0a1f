/**
 * TCP re-chunking: the stream is cut into slices of random sizes and each slice is written on
 * its own, `gapMs` apart, so the receiver's reads see boundaries that have nothing to do with
 * the sender's writes. Cut points are drawn per byte offset, so they depend on the seed only,
 * not on how the sender's data happened to arrive at the relay; bytes are never held back
 * waiting for the rest of a slice (that would stall a request/response protocol), so where data
 * arrived in parts the relay also writes it in parts there.
 */
import { type Fault, type FaultOptions, bytesOnly, directionsOf } from '../fault';

export interface RechunkOptions extends FaultOptions {
  minSlice?: number;
  maxSlice?: number;
  /** Milliseconds between slices (default 1), so they leave as separate segments. */
  gapMs?: number;
}

export function rechunk(options: RechunkOptions = {}): Fault {
  const min = options.minSlice ?? 1;
  const max = options.maxSlice ?? 64;
  const gap = options.gapMs ?? 1;
  if (min < 1 || max < min) throw new RangeError(`rechunk needs 1 <= minSlice <= maxSlice, got ${min}..${max}`);
  return {
    name: 'rechunk',
    directions: directionsOf(options),
    tcp: ({ random }) => {
      let left = random.int(min, max);
      let lastAt = -Infinity;
      return bytesOnly(({ at, bytes }) => {
        const out = [];
        for (let offset = 0; offset < bytes.length; ) {
          const take = Math.min(left, bytes.length - offset);
          lastAt = Math.max(at, lastAt + gap);
          out.push({ at: lastAt, bytes: bytes.subarray(offset, offset + take) });
          offset += take;
          left -= take;
          if (left === 0) left = random.int(min, max);
        }
        return out;
      });
    },
  };
}
