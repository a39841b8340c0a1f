import type { Json, Scenario } from '../../harness/scenario/model';
import { judgeDaemonChildren, judgePoolCallbacks } from '../../spec/process-properties';
import { call, history, mark, result } from './history-builder';

/** The judges of the process-level property claims (spec/process-properties.ts), on hand-written runs. */

const judged = (body: () => string): { ok: boolean; message: string } => {
  try {
    return { ok: true, message: body() };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
};

describe('judgeDaemonChildren', () => {
  const s: Scenario = {
    version: 1,
    name: 'two children',
    timeUnitMs: 40,
    deadlineMs: 8000,
    objects: {},
    actors: [
      { name: 'main', kind: 'process', ops: [] },
      { name: 'd1', kind: 'process', daemon: true, start: 'manual', ops: [] },
      { name: 'p2', kind: 'process', start: 'manual', ops: [] },
    ],
  };

  it('passes a daemon cut off at main\'s end while the plain child runs to its end', () => {
    const h = history(mark('main', '主进程执行完毕', 100), call('d1', 'sleep', 10, 101, { outcome: 'info' }), call('p2', 'sleep', 10, 300), mark('p2', 'done', 300));
    expect(judged(() => judgeDaemonChildren(result('completed', h), s))).toMatchObject({ ok: true });
  });

  it('fails a daemon that was waited for and finished its work', () => {
    const h = history(mark('main', '主进程执行完毕', 100), call('d1', 'sleep', 10, 1200), mark('d1', 'done', 1200), call('p2', 'sleep', 10, 300), mark('p2', 'done', 300));
    const j = judged(() => judgeDaemonChildren(result('completed', h), s));
    expect(j.ok).toBe(false);
    expect(j.message).toContain('a daemonic child is terminated when the main code ends');
  });

  it('fails a plain child that was ended with main', () => {
    const h = history(mark('main', '主进程执行完毕', 100), call('d1', 'sleep', 10, 101, { outcome: 'info' }), call('p2', 'sleep', 10, 101, { outcome: 'info' }));
    expect(judged(() => judgeDaemonChildren(result('completed', h), s)).message).toContain('expected p2 to reach its mark "done"');
  });
});

describe('judgePoolCallbacks', () => {
  const args = { mode: 'apply_async', callback: true, processes: 2, tasks: 3, seconds: 0, failAt: 1 };
  const s: Scenario = { version: 1, name: 'pool', timeUnitMs: 50, deadlineMs: 15000, objects: {}, actors: [{ name: 'main', kind: 'process', ops: [{ op: 'program', name: 'pool-apply', args }] }] };
  const rec = (pid: number, event: string, fields: { [key: string]: Json } = {}): Json => ({ time: 0, pid, event, ...fields });
  const run = (callbackPid: number) => {
    const records = [
      rec(1, 'main'),
      ...[0, 1, 2].map((i) => rec(2 + (i % 2), 'task-start', { i })),
      rec(callbackPid, 'callback', { value: 100 }),
      rec(1, 'error-callback', { error: 'ValueError' }),
      rec(callbackPid, 'callback', { value: 102 }),
    ];
    const t: Json = { pid: 1, exitCode: 0, signal: null, timedOut: false, survivors: 0, records, stdout: '', stderr: '' };
    return result('completed', history(call('main', 'program', 0, 500, { args: { name: 'pool-apply' }, value: t })));
  };

  it('passes callbacks in the main process with the successful tasks\' return values', () => {
    expect(judged(() => judgePoolCallbacks(run(1), s))).toMatchObject({ ok: true });
  });

  it('fails callbacks that ran in a worker', () => {
    const j = judged(() => judgePoolCallbacks(run(3), s));
    expect(j.ok).toBe(false);
    expect(j.message).toContain('every callback runs in the main process (pid 1); callback 100 ran in pid 3');
  });
});
