import { ValueError } from '../../errors';

/**
 * A list held by a manager process (Manager().list()): elements are kept as their senders
 * encoded them, and every read returns a copy. Indexes follow Python (negative from the end).
 */
export class ListState {
  constructor(private readonly items: unknown[] = []) {}

  call(method: string, args: unknown[]): unknown {
    switch (method) {
      case 'append':
        this.items.push(args[0]);
        return null;
      case 'extend':
        this.items.push(...(args[0] as unknown[]));
        return null;
      case 'get':
        return this.items[this.index(args[0] as number)];
      case 'set':
        this.items[this.index(args[0] as number)] = args[1];
        return null;
      case 'pop': {
        const at = args[0] === undefined || args[0] === null ? this.items.length - 1 : this.index(args[0] as number);
        if (this.items.length === 0) throw new RangeError('pop from empty list');
        return this.items.splice(at, 1)[0];
      }
      case 'len':
        return this.items.length;
      case 'all':
        return [...this.items];
      case 'index': {
        const at = this.items.findIndex((x) => sameBytes(x, args[0]));
        if (at < 0) throw new ValueError('value is not in list');
        return at;
      }
      default:
        throw new TypeError(`a list proxy has no method ${method}`);
    }
  }

  private index(i: number): number {
    const at = i < 0 ? this.items.length + i : i;
    if (!Number.isInteger(at) || at < 0 || at >= this.items.length) throw new RangeError('list index out of range');
    return at;
  }
}

function sameBytes(a: unknown, b: unknown): boolean {
  return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}
