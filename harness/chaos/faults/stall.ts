/**
 * After `afterBytes` bytes in the chosen direction, the relay stops forwarding that direction and
 * stops reading from its source, leaving the connection open: the receiver waits for data that
 * never comes (only a timeout ends its recv), and the sender's writes back up through TCP flow
 * control, as over a path that went silent.
 */
import { type Fault, type FaultOptions, directionsOf } from '../fault';
import { type ByteCount, cutAfter } from './stream-cut';

export interface StallOptions extends FaultOptions {
  afterBytes: ByteCount;
}

export function stall(options: StallOptions): Fault {
  return { name: 'stall', directions: directionsOf(options), tcp: (context) => cutAfter(context, options.afterBytes, 'stall') };
}
