import { runLoad } from '../../harness/load/autocannon-run';
import { startLoadServer, type LoadServerKind } from '../../harness/load/server-process';

/** Whether a process with this pid still exists (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('load smoke: a short autocannon run against each kind of server process', () => {
  test.each<LoadServerKind>(['event-loop', 'serial', 'node-http', 'cpython-threading'])('%s answers under load and leaves no process behind', async (server) => {
    const started = await startLoadServer({ server, work: 'sleep', context: { sleepMs: 5 } });
    try {
      const sample = await runLoad({ server, work: 'sleep' }, { host: started.host, port: started.port, connections: 2, seconds: 1, maxRequests: 500 });
      expect(sample.ok).toBeGreaterThan(0);
      expect(sample.non2xx).toBe(0);
      expect(sample.latencyMeanMs).toBeGreaterThanOrEqual(5 * 0.95);
    } finally {
      await started.stop();
    }
    expect(alive(started.pid)).toBe(false);
  });

  test('a run is bounded in count as well as time', async () => {
    const started = await startLoadServer({ server: 'event-loop', work: 'hello' });
    try {
      const sample = await runLoad({ server: 'event-loop', work: 'hello' }, { host: started.host, port: started.port, connections: 2, seconds: 5, maxRequests: 50 });
      expect(sample.ok).toBeLessThanOrEqual(60);
      expect(sample.durationSeconds).toBeLessThan(5);
    } finally {
      await started.stop();
    }
  });

  test('refuses anything but loopback, and runs without a whole number of seconds', async () => {
    await expect(runLoad({ server: 'x', work: 'hello' }, { host: '192.0.2.1', port: 80, connections: 1, seconds: 1 })).rejects.toThrow(/loopback/);
    await expect(runLoad({ server: 'x', work: 'hello' }, { host: '127.0.0.1', port: 80, connections: 1, seconds: 1.5 })).rejects.toThrow(RangeError);
  });
});
