/**
 * The HTTP handlers the load tests run (spec/load.ts, `npm run load`), one per kind of work:
 * - `SleepHttpHandler`: I/O-bound, awaits a timer of `context.sleepMs` (the documents' time.sleep
 *   standing in for a slow disk or backend), so a server that overlaps requests gains from more
 *   connections;
 * - `CpuHttpHandler`: CPU-bound, a fixed number of loop iterations (`context.cpuIterations`), a
 *   fixed amount of work rather than a fixed time, so a descheduled thread does not count as
 *   working and no model can scale past the cores it has;
 * - `HelloHttpHandler`: no work at all, for the server's own overhead (the bench figure).
 * The work is chosen by the server's context, so one handler module serves every model.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Json } from '../../../harness/scenario/model';
import { HTTPRequestHandler } from './http-request-handler';
import type { HttpResponse } from './response';

/** What the load handlers read from `this.server.context`. */
export interface LoadWork {
  sleepMs?: number;
  cpuIterations?: number;
}

export const DEFAULT_SLEEP_MS = 20;
export const DEFAULT_CPU_ITERATIONS = 2_000_000;

function numberIn(context: Json, key: keyof LoadWork, fallback: number): number {
  const value = context !== null && typeof context === 'object' && !Array.isArray(context) ? context[key] : undefined;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** The CPU-bound work, shared with the Node http baseline so both do the same. */
export function spin(iterations: number): number {
  let x = 0;
  for (let i = 0; i < iterations; i++) x = (Math.imul(x, 31) + i) | 0;
  return x;
}

const TEXT = { 'Content-Type': 'text/plain' };

export class HelloHttpHandler extends HTTPRequestHandler {
  protected override respond(): HttpResponse {
    return { status: 200, headers: TEXT, body: 'hello\n' };
  }
}

export class SleepHttpHandler extends HTTPRequestHandler {
  protected override async respond(): Promise<HttpResponse> {
    const ms = numberIn(this.server.context, 'sleepMs', DEFAULT_SLEEP_MS);
    await sleep(ms);
    return { status: 200, headers: TEXT, body: `slept ${ms} ms\n` };
  }
}

export class CpuHttpHandler extends HTTPRequestHandler {
  protected override respond(): HttpResponse {
    const result = spin(numberIn(this.server.context, 'cpuIterations', DEFAULT_CPU_ITERATIONS));
    return { status: 200, headers: TEXT, body: `${result}\n` };
  }
}
