import { EventState } from './states/event-state';
import { hostState, registerSharedKind, SharedObject, type SharedHandle } from './shared-object';

/** multiprocessing.Event: wait(timeout) resolves to the flag, False if the timeout passed first. */
export class Event extends SharedObject {
  constructor(handle?: SharedHandle) {
    super(handle ?? hostState('event', new EventState()));
  }

  async set(): Promise<void> {
    await this.call('set');
  }

  async clear(): Promise<void> {
    await this.call('clear');
  }

  is_set(): Promise<boolean> {
    return this.call('is_set') as Promise<boolean>;
  }

  wait(timeout: number | null = null): Promise<boolean> {
    return this.call('wait', timeout) as Promise<boolean>;
  }
}

registerSharedKind('event', (handle) => new Event(handle));
