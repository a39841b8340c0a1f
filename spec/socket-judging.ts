import type { Json } from '../harness/scenario/model';
import type { Operation } from '../harness/scenario/history';
import { jsonToBytes } from '../harness/scenario/bytes-json';
import { describeOperation, operationToJson } from '../harness/checkers/describe';
import { expect } from './judging';

/**
 * Judging helpers for socket claims: the bytes an op returned, errnos, and the usual
 * expectations on them. Pure; anything more general belongs in harness/checkers.
 */

/** The bytes a recv (value) or recvfrom (value[0]) returned; undefined if it did not return bytes. */
export function bytesOf(o: Operation): Buffer | undefined {
  if (o.outcome !== 'ok') return undefined;
  const value: Json | undefined = o.f === 'recvfrom' && Array.isArray(o.value) ? o.value[0] : o.value;
  return jsonToBytes(value);
}

/** The bytes as text (latin1 for non-UTF-8 bytes, so that lengths and comparisons still work). */
export function textOf(o: Operation): string | undefined {
  return bytesOf(o)?.toString('latin1');
}

/** The errno in a CPython-style message, `[Errno 11] Resource temporarily unavailable`. */
export function errnoOf(o: Operation): number | undefined {
  const match = /^\[Errno (\d+)\]/.exec(o.message ?? '');
  return match === null ? undefined : Number(match[1]);
}

export function expectBytes(o: Operation, want: string | Buffer, why: string): void {
  const got = bytesOf(o);
  const wanted = typeof want === 'string' ? Buffer.from(want) : want;
  expect(
    got !== undefined && got.equals(wanted),
    `${why}: expected ${describeOperation(o)} to return ${JSON.stringify(wanted.length > 64 ? `${wanted.length} bytes` : wanted.toString('latin1'))}`,
    operationToJson(o),
  );
}

/** The concatenation of the bytes several recvs returned. */
export function concatBytes(ops: readonly Operation[]): Buffer {
  return Buffer.concat(ops.map((o) => bytesOf(o) ?? Buffer.alloc(0)));
}

/** The op raised `name` (and, when given, one of the errnos). */
export function expectOsError(o: Operation, name: string, errnos?: readonly number[], why = 'wrong outcome'): void {
  const errno = errnoOf(o);
  expect(
    o.outcome === 'fail' && o.error === name && (errnos === undefined || (errno !== undefined && errnos.includes(errno))),
    `${why}: expected ${describeOperation(o)} to raise ${name}${errnos === undefined ? '' : ` with errno ${errnos.join(' or ')}`}`,
    operationToJson(o),
  );
}
