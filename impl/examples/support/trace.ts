import * as fs from 'node:fs';
import { threadId } from 'node:worker_threads';

/**
 * How the example programs report what they do. Each program prints what the document's
 * program prints (for a person running it) and, when run by the suite, also appends one JSON
 * record per event to the file named by CONFORM_TRACE_FILE, stamped with milliseconds since
 * CONFORM_CLOCK_ORIGIN_NS on the monotonic clock that every process of the machine shares.
 * That is the contract of the `program` op (docs/example-programs.md); a program in another
 * language reports the same records.
 */

const TRACE_FILE = process.env.CONFORM_TRACE_FILE;
const ORIGIN = BigInt(process.env.CONFORM_CLOCK_ORIGIN_NS ?? process.hrtime.bigint().toString());
// A program run by hand starts the clock itself; the processes it starts inherit it.
process.env.CONFORM_CLOCK_ORIGIN_NS = ORIGIN.toString();

export type Fields = Record<string, unknown>;

/** Milliseconds on the program's clock (the scenario's, under the suite). */
export function now(): number {
  return Number(process.hrtime.bigint() - ORIGIN) / 1e6;
}

/** Appends one record: `{ time, pid, [thread], event, ...fields }`. */
export function report(event: string, fields: Fields = {}): void {
  if (TRACE_FILE === undefined) return;
  const record = { time: now(), pid: process.pid, ...(threadId === 0 ? {} : { thread: threadId }), event, ...fields };
  fs.appendFileSync(TRACE_FILE, `${JSON.stringify(record)}\n`);
}

/** Prints the document's line and reports it as `event` (with the line as `text`). */
export function say(text: string, event: string, fields: Fields = {}): void {
  process.stdout.write(`${text}\n`);
  report(event, { text, ...fields });
}
