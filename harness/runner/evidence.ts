import type { HistoryEvent } from '../scenario/history';
import type { Json } from '../scenario/model';
import type { ScenarioResult } from '../scenario/result';

/**
 * Evidence goes into report.json for every claim, and a 100-thread scenario records thousands
 * of events: evidence keeps the first events of a history and says how many it cut, and cuts
 * any other long array the same way, so a report stays readable and small.
 */

export const DEFAULT_MAX_EVENTS = 200;
const MAX_ARRAY_ITEMS = 100;
const MAX_STRING_LENGTH = 2_000;
const MAX_DEPTH = 12;

export interface CutHistory {
  events: Json[];
  /** Events left out after the first `events.length`. */
  cut: number;
}

export function cutHistory(history: readonly HistoryEvent[], maxEvents = DEFAULT_MAX_EVENTS): CutHistory {
  return { events: history.slice(0, maxEvents).map((e) => capJson(e as unknown as Json)), cut: Math.max(0, history.length - maxEvents) };
}

/** A run as evidence: status, cells, unfinished actors and the head of its history. */
export function runEvidence(scenario: string, index: number, run: ScenarioResult, maxEvents = DEFAULT_MAX_EVENTS): Json {
  const { events, cut } = cutHistory(run.history, maxEvents);
  return {
    scenario,
    run: index + 1,
    status: run.status,
    durationMs: Math.round(run.durationMs * 10) / 10,
    unfinished: run.unfinished,
    ...(run.error === undefined ? {} : { error: capString(run.error) }),
    final: capJson(run.final as unknown as Json),
    history: events,
    historyCut: cut,
  };
}

/**
 * A JSON-safe, bounded copy of any value: long arrays keep their head plus a note of what was
 * cut, long strings are shortened, deep nesting is summarised, and non-JSON values (undefined,
 * NaN, functions) become null or strings, so a check's evidence can never break the report.
 */
export function capJson(value: unknown, depth = 0): Json {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return capString(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return null;
  if (depth >= MAX_DEPTH) return '…(nested too deep)';
  if (Array.isArray(value)) {
    const head = value.slice(0, MAX_ARRAY_ITEMS).map((v) => capJson(v, depth + 1));
    return value.length > MAX_ARRAY_ITEMS ? [...head, `…(${value.length - MAX_ARRAY_ITEMS} more cut)`] : head;
  }
  const out: { [key: string]: Json } = {};
  for (const [key, v] of Object.entries(value)) {
    if (v !== undefined && typeof v !== 'function') out[key] = capJson(v, depth + 1);
  }
  return out;
}

function capString(s: string): string {
  return s.length > MAX_STRING_LENGTH ? `${s.slice(0, MAX_STRING_LENGTH)}…(${s.length - MAX_STRING_LENGTH} characters cut)` : s;
}
