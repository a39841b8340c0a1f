import { OSError } from './errors';
import { PipeState } from './states/pipe-state';
import { hostState, registerSharedKind, SharedObject, type SharedHandle } from './shared-object';
import { decodeValue, encodeValue } from './transfer';

/**
 * multiprocessing.Pipe(duplex=True): two Connection objects; what one sends the other receives,
 * as a copy. Duplex by default; Pipe(false) returns (a read-only end, a write-only end) and
 * using an end the wrong way raises OSError as in CPython. Once an end is closed (by any process
 * holding it), recv() at the other end returns what is left and then raises EOFError.
 */
export class Connection extends SharedObject {
  constructor(handle: SharedHandle) {
    super(handle);
  }

  private get end(): number {
    return this.handle.options?.end as number;
  }

  get readable(): boolean {
    return this.handle.options?.readable === true;
  }

  get writable(): boolean {
    return this.handle.options?.writable === true;
  }

  async send(obj: unknown): Promise<void> {
    if (!this.writable) throw new OSError('connection is read-only');
    await this.call('send', this.end, encodeValue(obj));
  }

  async recv(): Promise<unknown> {
    if (!this.readable) throw new OSError('connection is write-only');
    return decodeValue((await this.call('recv', this.end)) as Uint8Array);
  }

  /** Whether there is anything to receive, waiting up to `timeout` seconds (0: just look). */
  poll(timeout: number | null = 0): Promise<boolean> {
    if (!this.readable) return Promise.reject(new OSError('connection is write-only'));
    return this.call('poll', this.end, timeout) as Promise<boolean>;
  }

  async close(): Promise<void> {
    await this.call('close', this.end);
  }
}

export function Pipe(duplex = true): [Connection, Connection] {
  const state = hostState('connection-pair', new PipeState());
  const end = (index: number, readable: boolean, writable: boolean) => new Connection({ ...state, kind: 'connection', options: { end: index, readable, writable } });
  // CPython: Pipe(duplex=False) returns (reader, writer).
  return duplex ? [end(0, true, true), end(1, true, true)] : [end(0, true, false), end(1, false, true)];
}

registerSharedKind('connection', (handle) => new Connection(handle));
