import type { Scenario } from '../../harness/scenario/model';
import { udpDatagramScenarios } from '../../harness/generate';
import { judgeDatagramBoundaries } from '../../spec/network-properties';
import { call, history, result } from './history-builder';
import * as fc from 'fast-check';

/** The judge of the generated UDP property (spec/network-properties.ts), on hand-written runs. */

const judged = (body: () => string): { ok: boolean; message: string } => {
  try {
    return { ok: true, message: body() };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
};

/** Three datagrams (3 bytes of a, none, 6 bytes of c) read with recvfrom(4) each. */
const s: Scenario = {
  version: 1,
  name: 'three datagrams',
  timeUnitMs: 4,
  deadlineMs: 2500,
  objects: { u: { type: 'udp-socket' }, sent: { type: 'event' } },
  actors: [
    { name: 'receiver', kind: 'thread', ops: [0, 1, 2].map(() => ({ op: 'recvfrom', target: 'u', n: 4 })) },
    {
      name: 'sender',
      kind: 'thread',
      ops: [
        { op: 'socket', into: 's', type: 'dgram' },
        ...[['a', 3], ['b', 0], ['c', 6]].map(([fill, size]) => ({ op: 'sendto' as const, target: 's', data: { fill: fill as string, size: size as number }, address: { of: 'u' } })),
      ],
    },
  ],
};
const peer = ['127.0.0.1', 40000];
const reads = (...values: string[]) => values.map((v, i) => call('receiver', 'recvfrom', i * 10, i * 10 + 1, { target: 'u', value: [v, peer], path: [i] }));

describe('judgeDatagramBoundaries', () => {
  it('passes one datagram per read, truncated to n', () => {
    expect(judged(() => judgeDatagramBoundaries(result('completed', history(...reads('aaa', '', 'cccc'))), s))).toMatchObject({ ok: true });
  });

  it('fails a read that merged the empty datagram into the next', () => {
    const j = judged(() => judgeDatagramBoundaries(result('completed', history(...reads('aaa', 'cccc', ''))), s));
    expect(j.ok).toBe(false);
    expect(j.message).toContain('recvfrom(4) #2');
  });

  it('fails a read that returned two datagrams at once', () => {
    expect(judged(() => judgeDatagramBoundaries(result('completed', history(...reads('aaac', '', 'cccc'))), s)).ok).toBe(false);
  });

  it('fails the rest of a truncated datagram returned by the next read', () => {
    expect(judged(() => judgeDatagramBoundaries(result('completed', history(...reads('aaa', '', 'cccc', 'cc'))), s)).ok).toBe(false);
  });

  it('fails a run whose last read never returned', () => {
    const h = history(...reads('aaa', ''), call('receiver', 'recvfrom', 30, 2500, { target: 'u', outcome: 'info', path: [2] }));
    expect(judged(() => judgeDatagramBoundaries(result('deadline', h, ['receiver']), s)).ok).toBe(false);
  });

  it('reads back the datagrams and buffer sizes of generated scenarios', () => {
    fc.assert(
      fc.property(udpDatagramScenarios(), (g) => {
        const sends = g.actors.find((a) => a.name === 'sender')!.ops.filter((o) => o.op === 'sendto').length;
        expect(g.actors.find((a) => a.name === 'receiver')!.ops.filter((o) => o.op === 'recvfrom').length).toBe(sends);
      }),
      { numRuns: 100, seed: 6 },
    );
  });
});
