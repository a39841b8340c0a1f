import {
  judgeMoreConnectionsNotFasterOne,
  judgeNoLatencyAdvantageForOne,
  judgeScalesWithConnections,
  judgeSerialBound,
} from '../../harness/checkers/load-ratios';
import type { LoadSample } from '../../harness/load/load-sample';

function sample(server: string, connections: number, requestsPerSecond: number, latencyMeanMs: number): LoadSample {
  return {
    server,
    work: 'sleep',
    connections,
    requestsPerSecond,
    latencyMeanMs,
    latencyP50Ms: latencyMeanMs,
    latencyP99Ms: latencyMeanMs * 2,
    ok: Math.round(requestsPerSecond * 2),
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    durationSeconds: 2,
  };
}

describe('judgeSerialBound', () => {
  it('passes a server whose throughput stays at one request per sleep', () => {
    const run = [sample('serial', 1, 45, 21), sample('serial', 8, 46, 21)];
    expect(judgeSerialBound(run, 'serial', 20).ok).toBe(true);
  });
  it('fails a server that serves connections at once', () => {
    const run = [sample('serial', 1, 45, 21), sample('serial', 8, 300, 22)];
    const judgement = judgeSerialBound(run, 'serial', 20);
    expect(judgement.ok).toBe(false);
    expect(judgement.message).toContain('concurrently');
  });
  it('fails a server faster than one-at-a-time allows even with one connection', () => {
    const run = [sample('serial', 1, 400, 2), sample('serial', 8, 420, 2)];
    expect(judgeSerialBound(run, 'serial', 20).ok).toBe(false);
  });
  it('refuses a run without two connection counts', () => {
    expect(() => judgeSerialBound([sample('serial', 1, 45, 21)], 'serial', 20)).toThrow(RangeError);
    expect(() => judgeSerialBound([sample('serial', 1, 0, 0), sample('serial', 8, 40, 21)], 'serial', 20)).toThrow(/answered nothing/);
  });
  it('reports throughput and latency measurements for every sample', () => {
    const judgement = judgeSerialBound([sample('serial', 1, 45, 21), sample('serial', 8, 46, 21)], 'serial', 20);
    expect(judgement.measurements?.map((m) => m.values.length)).toEqual([2, 2]);
  });
});

describe('judgeScalesWithConnections', () => {
  it('passes 8 connections giving 6× the throughput', () => {
    expect(judgeScalesWithConnections([sample('threading', 1, 45, 21), sample('threading', 8, 270, 25)], 'threading').ok).toBe(true);
  });
  it('fails 8 connections giving barely 2×', () => {
    expect(judgeScalesWithConnections([sample('threading', 1, 45, 21), sample('threading', 8, 90, 80)], 'threading').ok).toBe(false);
  });
  it('only looks at the named server', () => {
    const run = [sample('threading', 1, 45, 21), sample('threading', 8, 300, 21), sample('serial', 1, 45, 21), sample('serial', 8, 45, 170)];
    expect(judgeScalesWithConnections(run, 'serial').ok).toBe(false);
    expect(judgeScalesWithConnections(run, 'threading').ok).toBe(true);
  });
});

describe('judgeMoreConnectionsNotFasterOne', () => {
  it('passes an event loop that scales and takes the sleep for one request', () => {
    expect(judgeMoreConnectionsNotFasterOne([sample('event-loop', 1, 45, 21), sample('event-loop', 8, 350, 21)], 'event-loop', 20).ok).toBe(true);
  });
  it('fails one that does not scale', () => {
    expect(judgeMoreConnectionsNotFasterOne([sample('event-loop', 1, 45, 21), sample('event-loop', 8, 50, 150)], 'event-loop', 20).ok).toBe(false);
  });
  it('fails one whose single request is faster than its own work', () => {
    const judgement = judgeMoreConnectionsNotFasterOne([sample('event-loop', 1, 450, 2), sample('event-loop', 8, 3500, 2)], 'event-loop', 20);
    expect(judgement.ok).toBe(false);
    expect(judgement.message).toContain('faster than its own work');
  });
});

describe('judgeNoLatencyAdvantageForOne', () => {
  const threads = [sample('threading', 1, 44, 22), sample('threading', 8, 300, 24)];
  it('passes equal one-connection latencies', () => {
    expect(judgeNoLatencyAdvantageForOne([...threads, sample('event-loop', 1, 45, 21.5), sample('event-loop', 8, 350, 21)], 'event-loop', 'threading').ok).toBe(true);
  });
  it('fails an event loop whose single connection is much faster', () => {
    expect(judgeNoLatencyAdvantageForOne([...threads, sample('event-loop', 1, 90, 11), sample('event-loop', 8, 700, 11)], 'event-loop', 'threading').ok).toBe(false);
  });
});

describe('judgeSerialBound without a sleep (CPU-bound work on one thread)', () => {
  it('judges the gain alone', () => {
    expect(judgeSerialBound([sample('event-loop', 1, 400, 2.5), sample('event-loop', 8, 420, 19)], 'event-loop').ok).toBe(true);
    expect(judgeSerialBound([sample('threading', 1, 400, 2.5), sample('threading', 8, 800, 10)], 'threading').ok).toBe(false);
  });
});
