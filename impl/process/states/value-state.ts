/**
 * One shared value with no synchronisation of its own, as multiprocessing.Value(lock=False):
 * each get and each set is whole, but a read-modify-write from two processes races.
 */
export class ValueState {
  constructor(private value: unknown) {}

  call(method: string, args: unknown[]): unknown {
    switch (method) {
      case 'get':
        return this.value;
      case 'set':
        this.value = args[0];
        return null;
      default:
        throw new TypeError(`a Value has no method ${method}`);
    }
  }
}
