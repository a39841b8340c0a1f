/**
 * After `afterBytes` bytes in the chosen direction have been delivered, the relay resets both
 * sides of the connection (RST): the client and the target each see ConnectionResetError, as
 * when a middlebox or a crashed peer drops the connection mid-stream.
 */
import { type Fault, type FaultOptions, directionsOf } from '../fault';
import { type ByteCount, cutAfter } from './stream-cut';

export interface ResetPeerOptions extends FaultOptions {
  afterBytes: ByteCount;
}

export function resetPeer(options: ResetPeerOptions): Fault {
  return { name: 'reset-peer', directions: directionsOf(options), tcp: (context) => cutAfter(context, options.afterBytes, 'reset') };
}
