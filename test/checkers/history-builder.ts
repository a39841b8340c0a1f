import type { Json } from '../../harness/scenario/model';
import type { ErrorName, HistoryEvent } from '../../harness/scenario/history';
import type { ScenarioResult } from '../../harness/scenario/result';

/**
 * Shorthand for hand-written histories: `call('A', 'acquire', 0, 1, { target: 'L', value: true })`
 * is A's acquire invoked at 0ms and returning true at 1ms. `ret: null` leaves it pending; the
 * `outcome` option makes it `fail` (with `error`) or `info`.
 */
export interface CallOptions {
  target?: string;
  args?: { [key: string]: Json };
  value?: Json;
  error?: ErrorName;
  outcome?: 'ok' | 'fail' | 'info';
  path?: number[];
}

export function call(actor: string, f: string, invoke: number, ret: number | null, o: CallOptions = {}): HistoryEvent[] {
  const base = { actor, f, path: o.path ?? [0], ...(o.target !== undefined ? { target: o.target } : {}) };
  const events: HistoryEvent[] = [{ type: 'invoke', ...base, ...(o.args ? { args: o.args } : {}), time: invoke }];
  if (ret === null) return events;
  const type = o.outcome ?? (o.error !== undefined ? 'fail' : 'ok');
  events.push({
    type,
    ...base,
    ...(o.value !== undefined ? { value: o.value } : {}),
    ...(o.error !== undefined ? { error: o.error } : {}),
    time: ret,
  });
  return events;
}

/** A mark is an instantaneous invoke/ok pair, as the reference adapter records it. */
export function mark(actor: string, label: string, time: number, value?: Json): HistoryEvent[] {
  return call(actor, 'mark', time, time, { args: { label }, ...(value !== undefined ? { value } : {}) });
}

/** Merges calls into one history in time order; ties keep the order given (stable sort). */
export function history(...calls: HistoryEvent[][]): HistoryEvent[] {
  return calls.flat().sort((a, b) => a.time - b.time);
}

export function result(status: ScenarioResult['status'], events: HistoryEvent[], unfinished: string[] = [], cells: Record<string, number> = {}): ScenarioResult {
  return { status, history: events, final: { cells }, durationMs: 0, unfinished };
}
