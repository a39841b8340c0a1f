/**
 * A dict held by a manager process (Manager().dict(), and Namespace's attributes): keys are
 * JSON-comparable primitives (as hashable keys are in Python), values are kept as their senders
 * encoded them. Missing keys raise KeyError.
 */
export class DictState {
  private readonly entries = new Map<string, { key: unknown; value: unknown }>();

  call(method: string, args: unknown[]): unknown {
    const id = (key: unknown) => JSON.stringify([typeof key, key]);
    switch (method) {
      case 'set':
        this.entries.set(id(args[0]), { key: args[0], value: args[1] });
        return null;
      case 'get': {
        const found = this.entries.get(id(args[0]));
        if (found === undefined) {
          const error = new Error(JSON.stringify(args[0]));
          error.name = 'KeyError';
          throw error;
        }
        return found.value;
      }
      case 'has':
        return this.entries.has(id(args[0]));
      case 'delete':
        return this.entries.delete(id(args[0]));
      case 'len':
        return this.entries.size;
      case 'items':
        return [...this.entries.values()].map((e) => [e.key, e.value]);
      default:
        throw new TypeError(`a dict proxy has no method ${method}`);
    }
  }
}
