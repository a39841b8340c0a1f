import type { Scenario } from '../../scenario/model';
import type { ScenarioResult } from '../../scenario/result';
import { HistoryCollector } from '../reference/history-collector';
import { describeExit, LAST_WORDS_MS, type AdapterProcess } from './adapter-process';
import type { AdapterMessage, ResultMessage } from './protocol';

/**
 * One `run` request and its answer: the streamed events, then one `result` or `error`. The
 * harness does not trust the adapter to keep its deadline: if no answer comes within the
 * deadline plus a grace period, or the adapter breaks the protocol or dies, its whole process
 * group is killed and the run becomes `crashed` with what was recorded so far (pending
 * invocations completed as `info`) and the adapter's last words from stderr.
 */

export interface ExchangeOptions {
  /** The deadline the adapter is given for the run. */
  deadlineMs: number;
  /** How long after the deadline the harness waits for the answer before killing the adapter. */
  replyGraceMs: number;
  /** How long an adapter that announced its exit gets to do so before it is killed. */
  exitGraceMs: number;
  signal?: AbortSignal;
}

export interface ExchangeOutcome {
  result: ScenarioResult;
  /** Whether the adapter may serve the next request (it is alive and said nothing about exiting). */
  reusable: boolean;
}

type Ending =
  | { kind: 'result'; message: ResultMessage }
  | { kind: 'refused'; message: string; fatal: boolean }
  /** `hung`: it stopped answering, so there are no last words to wait for. */
  | { kind: 'failed'; problem: string; hung?: boolean };

export async function exchangeScenario(adapter: AdapterProcess, id: string, scenario: Scenario, options: ExchangeOptions): Promise<ExchangeOutcome> {
  const collector = new HistoryCollector();
  let lastTime = 0;
  const started = performance.now();
  const limitMs = options.deadlineMs + options.replyGraceMs;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;

  const ending = await new Promise<Ending>((resolve) => {
    let settled = false;
    const end = (e: Ending) => {
      if (settled) return;
      settled = true;
      resolve(e);
    };
    const onMessage = (m: AdapterMessage) => {
      if (m.type === 'hello') return end({ kind: 'failed', problem: 'the adapter sent a second "hello" in the middle of a run' });
      if (m.type === 'error' && m.id === undefined) return end({ kind: 'failed', problem: `the adapter reported an error: ${m.message}` });
      if (m.id !== id) return end({ kind: 'failed', problem: `the adapter sent a "${m.type}" for request "${m.id}" while "${id}" was running` });
      if (m.type === 'event') {
        collector.add(m.event);
        lastTime = Math.max(lastTime, m.event.time);
      } else if (m.type === 'result') end({ kind: 'result', message: m });
      else end({ kind: 'refused', message: m.message, fatal: m.fatal === true });
    };
    adapter.listen({
      message: onMessage,
      broken: (problem) => end({ kind: 'failed', problem }),
      exited: (status) => end({ kind: 'failed', problem: `the adapter ${describeExit(status)} in the middle of the run` }),
    });
    timer = setTimeout(() => {
      end({ kind: 'failed', problem: `the adapter did not answer within ${Math.round(limitMs)} ms (deadline ${options.deadlineMs} ms + ${options.replyGraceMs} ms grace); its process group was killed`, hung: true });
    }, limitMs);
    onAbort = () => end({ kind: 'failed', problem: 'the run was aborted; the adapter was killed', hung: true });
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    const unusable = adapter.unusable;
    if (unusable !== undefined) end({ kind: 'failed', problem: `${unusable} before the run could be sent` });
    else adapter.send({ type: 'run', id, scenario, deadlineMs: options.deadlineMs });
  });
  clearTimeout(timer);
  if (onAbort !== undefined) options.signal?.removeEventListener('abort', onAbort);
  adapter.listen(undefined);

  switch (ending.kind) {
    case 'result': {
      const m = ending.message;
      const exiting = m.exiting === true;
      if (exiting) await adapter.group.exitWithin(options.exitGraceMs);
      return {
        reusable: !exiting && adapter.unusable === undefined,
        result: {
          status: m.status,
          history: collector.history(),
          final: m.final,
          durationMs: m.durationMs,
          unfinished: m.unfinished,
          ...(m.error === undefined ? {} : { error: m.error }),
          ...(m.status === 'crashed' ? { stderr: adapter.stderr.text() } : {}),
        },
      };
    }
    case 'refused': {
      if (ending.fatal) await adapter.group.exitWithin(options.exitGraceMs);
      return {
        reusable: !ending.fatal && adapter.unusable === undefined,
        result: crashed(collector, lastTime, started, `the adapter could not run the scenario: ${ending.message}${adapter.stderr.describe()}`, adapter),
      };
    }
    case 'failed': {
      await adapter.terminate(ending.hung === true ? 0 : LAST_WORDS_MS);
      return { reusable: false, result: crashed(collector, lastTime, started, `${ending.problem}${adapter.stderr.describe()}`, adapter) };
    }
  }
}

function crashed(collector: HistoryCollector, lastTime: number, started: number, error: string, adapter: AdapterProcess): ScenarioResult {
  const unfinished = collector.pendingActors();
  collector.closePending(lastTime, () => 'the adapter stopped answering before this operation completed');
  return {
    status: 'crashed',
    history: collector.history(),
    final: { cells: {} },
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    unfinished,
    error,
    stderr: adapter.stderr.text(),
  };
}
