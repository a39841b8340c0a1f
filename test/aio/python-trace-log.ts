/**
 * Test support for the python-traces-*.test.ts files: the TypeScript twin of the `log`,
 * `spawn` and `str()` formatting used by python-traces.py, so that both print identical logs.
 */

/** Python's str() of the values the scenarios log (arrays are tuples). */
export function py(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === undefined || v === null) return 'None';
  if (Array.isArray(v)) return `(${v.map((x) => (typeof x === 'string' ? `'${x}'` : py(x))).join(', ')})`;
  return String(v);
}

export class TraceLog {
  entries: string[] = [];

  push(entry: string): void {
    this.entries.push(entry);
  }

  /** Like the script's spawn(): logs `<name> <result>` or `<name> <ErrorName>`; cancel() aborts. */
  spawn(name: string, body: (signal: AbortSignal) => Promise<unknown>): { cancel(): void } {
    const controller = new AbortController();
    body(controller.signal).then(
      (v) => this.entries.push(`${name} ${py(v)}`),
      (e: unknown) => this.entries.push(`${name} ${(e as Error).name}`),
    );
    return { cancel: () => controller.abort() };
  }
}
