/**
 * What an FTP probe saw, as a list of named expectations with what was observed, so a report
 * shows every step and a failure names the ones that did not hold.
 */
import type { Json } from '../scenario/model';
import type { ProbeResult } from '../net-probes/probe-result';

export interface CheckEntry {
  check: string;
  ok: boolean;
  observed: Json;
}

export class Checklist {
  readonly entries: CheckEntry[] = [];
  readonly notes: string[] = [];

  constructor(readonly probe: string) {}

  expect(check: string, ok: boolean, observed: Json = null): boolean {
    this.entries.push({ check, ok, observed });
    return ok;
  }

  /** Something the probe could not check, and why (a --target that gave no second user, say). */
  note(text: string): void {
    this.notes.push(text);
  }

  get failed(): CheckEntry[] {
    return this.entries.filter((e) => !e.ok);
  }

  result(passMessage: string): ProbeResult {
    const failed = this.failed;
    const skipped = this.notes.length === 0 ? '' : ` Not checked: ${this.notes.join('; ')}.`;
    return {
      probe: this.probe,
      verdict: failed.length === 0 && this.entries.length > 0 ? 'pass' : 'fail',
      message:
        failed.length === 0 && this.entries.length > 0
          ? `${passMessage} (${this.entries.length} checks).${skipped}`
          : `${failed.length} of ${this.entries.length} checks failed: ${failed.map((f) => f.check).join('; ')}.${skipped}`,
      evidence: { checks: this.entries.map((e) => ({ ...e })), ...(this.notes.length > 0 ? { notChecked: this.notes } : {}) },
    };
  }
}

/** The outcome of a step as data: its value, or the error code and message it failed with. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export async function outcome<T>(step: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await step() };
  } catch (error) {
    const e = error as Error & { code?: unknown };
    return { ok: false, code: typeof e.code === 'string' ? e.code : e.name, message: e.message };
  }
}

/** An outcome as evidence. */
export function shown(o: Outcome<unknown>): Json {
  return o.ok ? { ok: true, value: (o.value ?? null) as Json } : { ok: false, code: o.code, message: o.message };
}
