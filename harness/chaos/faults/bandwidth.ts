/**
 * A link of `bytesPerSecond`: each piece leaves once the link has finished sending the ones
 * before it, and takes length / rate to send. Large pieces are sent in 16 KiB parts so the
 * receiver sees a steady trickle rather than one late burst.
 */
import { type DatagramPiece, type Fault, type FaultOptions, type StreamPiece, bytesOnly, directionsOf } from '../fault';

export interface BandwidthOptions extends FaultOptions {
  bytesPerSecond: number;
}

const PART = 16 * 1024;

export function bandwidth(options: BandwidthOptions): Fault {
  if (!(options.bytesPerSecond > 0)) throw new RangeError('bandwidth needs bytesPerSecond > 0');
  const msPerByte = 1000 / options.bytesPerSecond;
  const link = () => {
    let freeAt = -Infinity;
    return (at: number, bytes: Buffer): { at: number; bytes: Buffer }[] => {
      const out = [];
      for (let offset = 0; offset < bytes.length; offset += PART) {
        const part = bytes.subarray(offset, offset + PART);
        freeAt = Math.max(at, freeAt) + part.length * msPerByte;
        out.push({ at: freeAt, bytes: part });
      }
      return out;
    };
  };
  return {
    name: 'bandwidth',
    directions: directionsOf(options),
    tcp: () => {
      const send = link();
      return bytesOnly(({ at, bytes }): StreamPiece[] => send(at, bytes));
    },
    udp: () => {
      // A datagram is never split: it occupies the link for its whole length.
      let freeAt = -Infinity;
      return {
        pass: ({ at, bytes }): DatagramPiece[] => {
          freeAt = Math.max(at, freeAt) + bytes.length * msPerByte;
          return [{ at: freeAt, bytes }];
        },
      };
    },
  };
}
