import * as fc from 'fast-check';
import type { Op, Scenario } from '../scenario/model';
import { generatedScenario } from './frame';

/**
 * Scenarios of datagrams from one actor to another's declared UDP socket `u` on loopback: a
 * sender sends one to six datagrams (sizes from 0 up to past the reader's buffer), each filled
 * with its own letter so that a merged or split read shows; the receiver reads each with one
 * recvfrom(n), n drawn per read and sometimes shorter than the datagram. Mostly the receiver
 * waits until every datagram is queued (where merging would show), otherwise it reads as they
 * come. One recvfrom per datagram sent, so a correct socket never leaves the receiver blocked.
 */

export const UDP_TARGET = 'u';
const SENT = 'sent';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One datagram and the buffer size of the recvfrom that reads it. */
export interface DatagramRead {
  size: number;
  n: number;
}

const read: fc.Arbitrary<DatagramRead> = fc
  .oneof(fc.integer({ min: 1, max: 16 }), fc.constant(1024))
  .chain((n) =>
    fc
      .oneof(fc.constant(0), fc.integer({ min: 1, max: 24 }), fc.constantFrom(n - 1, n, n + 1), fc.integer({ min: n + 1, max: n + 64 }))
      .map((size): DatagramRead => ({ size: Math.max(0, size), n })),
  );

/** The bytes datagram `index` carries: its letter, `size` times. */
export function datagramBytes(index: number, size: number): Buffer {
  return Buffer.alloc(size, LETTERS[index % LETTERS.length]);
}

export function udpDatagramScenarios(): fc.Arbitrary<Scenario> {
  return fc
    .tuple(fc.array(read, { minLength: 1, maxLength: 6 }), fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }))
    .map(([reads, waitForAll]) => {
      const sends: Op[] = reads.map((r, i) => ({ op: 'sendto', target: 's', data: { fill: LETTERS[i % LETTERS.length]!, size: r.size }, address: { of: UDP_TARGET } }));
      const receives: Op[] = reads.map((r) => ({ op: 'recvfrom', target: UDP_TARGET, n: r.n }));
      return generatedScenario('UDP datagrams', { [UDP_TARGET]: { type: 'udp-socket' }, [SENT]: { type: 'event' } }, [
        { name: 'receiver', kind: 'thread', ops: waitForAll ? [{ op: 'wait', target: SENT }, ...receives] : receives },
        { name: 'sender', kind: 'thread', ops: [{ op: 'socket', into: 's', type: 'dgram' }, ...sends, { op: 'set', target: SENT }] },
      ]);
    });
}

/** The datagrams a generated scenario sends, in order, with the recvfrom size that reads each. */
export function datagramReadsOf(s: Scenario): DatagramRead[] {
  const sends = s.actors.find((a) => a.name === 'sender')?.ops.filter((o) => o.op === 'sendto') ?? [];
  const receives = s.actors.find((a) => a.name === 'receiver')?.ops.filter((o) => o.op === 'recvfrom') ?? [];
  return sends.map((o, i) => {
    const data = o.op === 'sendto' && typeof o.data === 'object' && 'fill' in o.data ? o.data.size : 0;
    const r = receives[i];
    return { size: data, n: r?.op === 'recvfrom' ? r.n : 0 };
  });
}
