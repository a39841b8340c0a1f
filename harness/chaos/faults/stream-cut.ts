/**
 * Shared by reset-peer and stall: let `afterBytes` bytes through, then emit a signal and swallow
 * the rest. `afterBytes` may be a range, drawn once per connection and direction.
 */
import type { FaultContext, StreamPiece, StreamStage } from '../fault';

export type ByteCount = number | readonly [min: number, max: number];

export function cutAfter(context: FaultContext, afterBytes: ByteCount, signal: 'reset' | 'stall'): StreamStage {
  const limit = typeof afterBytes === 'number' ? afterBytes : context.random.int(afterBytes[0], afterBytes[1]);
  let passed = 0;
  let cut = false;
  return {
    pass(piece): StreamPiece[] {
      if (cut) return [];
      if ('signal' in piece) return [piece];
      const room = limit - passed;
      if (piece.bytes.length < room) {
        passed += piece.bytes.length;
        return [piece];
      }
      cut = true;
      passed = limit;
      const head = piece.bytes.subarray(0, room);
      return [...(head.length > 0 ? [{ at: piece.at, bytes: head }] : []), { at: piece.at, signal }];
    },
  };
}
