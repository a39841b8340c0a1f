/**
 * TCP under a lossy path, as the application sees it: the stream travels in MSS-sized segments;
 * a segment the path loses, reorders or duplicates is repaired by TCP (retransmitted, held back,
 * discarded), so the receiving application gets every byte in order, only later. `delayFor`
 * decides, per segment, how much later (0 for an untouched one); later segments wait behind a
 * delayed one (head-of-line blocking) because the relay never delivers out of order.
 */
import { type FaultContext, type StreamStage, bytesOnly } from '../fault';

export const DEFAULT_MSS = 1460;

export function segmentDelays(context: FaultContext, mss: number, delayFor: (context: FaultContext) => number): StreamStage {
  let leftInSegment = mss;
  let delay = delayFor(context);
  return bytesOnly(({ at, bytes }) => {
    const out = [];
    for (let offset = 0; offset < bytes.length; ) {
      const take = Math.min(leftInSegment, bytes.length - offset);
      out.push({ at: at + delay, bytes: bytes.subarray(offset, offset + take) });
      offset += take;
      leftInSegment -= take;
      if (leftInSegment === 0) {
        leftInSegment = mss;
        delay = delayFor(context);
      }
    }
    return out;
  });
}
