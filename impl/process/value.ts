import { ValueState } from './states/value-state';
import { hostState, registerSharedKind, SharedObject, type SharedHandle } from './shared-object';

/**
 * multiprocessing.Value without its lock (Value(typecode, x, lock=False)): a shared number whose
 * reads and writes are each whole but do not compose, so read-modify-write races between
 * processes exactly as on a shared file or a raw shared-memory word.
 */
export class Value extends SharedObject {
  constructor(initial: number | SharedHandle = 0) {
    super(typeof initial === 'object' ? initial : hostState('value', new ValueState(initial)));
  }

  get(): Promise<number> {
    return this.call('get') as Promise<number>;
  }

  async set(value: number): Promise<void> {
    await this.call('set', value);
  }
}

registerSharedKind('value', (handle) => new Value(handle));
