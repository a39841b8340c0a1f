import { Process } from './process';
import { Queue } from './queue';
import { serveManager, type ManagedKind } from './manager-server';
import { attachShared, callShared, registerSharedKind, SharedObject, type SharedHandle } from './shared-object';
import { decodeValue, encodeValue } from './transfer';
import type { BoundedSemaphore, Semaphore } from './semaphore';
import type { Event } from './event';
import type { JoinableQueue } from './queue';
import type { Lock, RLock } from './lock';
import type { Value } from './value';

/**
 * multiprocessing.Manager(): a server process that holds objects, and proxies through which any
 * process manipulates them (managers.SyncManager). A proxy can be passed to other processes like
 * any shared object; what they change through it, every process sees. Values stored in a list
 * or dict are copies: changing an object you got from it changes your copy only (as in CPython,
 * l[0].append(x) is lost). Every call is a round trip, so every method returns a promise.
 *
 *   const manager = await Manager();
 *   const l = await manager.list();
 *   ...
 *   await manager.shutdown();
 */

export class ListProxy<T = unknown> extends SharedObject {
  async append(item: T): Promise<void> {
    await this.call('append', encodeValue(item));
  }

  async extend(items: Iterable<T>): Promise<void> {
    await this.call('extend', [...items].map((item) => encodeValue(item)));
  }

  async get(index: number): Promise<T> {
    return decodeValue((await this.call('get', index)) as Uint8Array) as T;
  }

  async set(index: number, item: T): Promise<void> {
    await this.call('set', index, encodeValue(item));
  }

  async pop(index?: number): Promise<T> {
    return decodeValue((await this.call('pop', index ?? null)) as Uint8Array) as T;
  }

  len(): Promise<number> {
    return this.call('len') as Promise<number>;
  }

  index(item: T): Promise<number> {
    return this.call('index', encodeValue(item)) as Promise<number>;
  }

  /** list(proxy): a copy of the whole list. */
  async copy(): Promise<T[]> {
    return ((await this.call('all')) as Uint8Array[]).map((b) => decodeValue(b) as T);
  }
}

export class ArrayProxy extends ListProxy<number> {}

type Key = string | number | boolean | null;

export class DictProxy<V = unknown> extends SharedObject {
  async set(key: Key, value: V): Promise<void> {
    await this.call('set', key, encodeValue(value));
  }

  /** d[key]; KeyError when missing unless a default is given (d.get(key, default)). */
  async get(key: Key, ...fallback: [V?]): Promise<V> {
    try {
      return decodeValue((await this.call('get', key)) as Uint8Array) as V;
    } catch (e) {
      if (fallback.length > 0 && (e as Error).name === 'KeyError') return fallback[0] as V;
      throw e;
    }
  }

  has(key: Key): Promise<boolean> {
    return this.call('has', key) as Promise<boolean>;
  }

  delete(key: Key): Promise<boolean> {
    return this.call('delete', key) as Promise<boolean>;
  }

  len(): Promise<number> {
    return this.call('len') as Promise<number>;
  }

  async items(): Promise<[Key, V][]> {
    return ((await this.call('items')) as [Key, Uint8Array][]).map(([k, v]) => [k, decodeValue(v) as V]);
  }

  async keys(): Promise<Key[]> {
    return (await this.items()).map(([k]) => k);
  }
}

/** Manager().Namespace(): attributes set by one process are read by others. */
export class NamespaceProxy extends DictProxy {}

export class ConditionProxy extends SharedObject {
  acquire(block = true, timeout: number | null = null): Promise<boolean> {
    return this.call('acquire', block, timeout) as Promise<boolean>;
  }

  async release(): Promise<void> {
    await this.call('release');
  }

  wait(timeout: number | null = null): Promise<boolean> {
    return this.call('wait', timeout) as Promise<boolean>;
  }

  async notify(n = 1): Promise<void> {
    await this.call('notify', n);
  }

  async notify_all(): Promise<void> {
    await this.call('notify_all');
  }
}

export class BarrierProxy extends SharedObject {
  wait(timeout: number | null = null): Promise<number> {
    return this.call('wait', timeout) as Promise<number>;
  }

  async abort(): Promise<void> {
    await this.call('abort');
  }

  async reset(): Promise<void> {
    await this.call('reset');
  }

  parties(): Promise<number> {
    return this.call('parties') as Promise<number>;
  }

  broken(): Promise<boolean> {
    return this.call('broken') as Promise<boolean>;
  }
}

export class SyncManager {
  constructor(
    private readonly server: Process,
    private readonly factory: SharedHandle,
  ) {}

  private async create(kind: ManagedKind, ...args: unknown[]): Promise<unknown> {
    return attachShared((await callShared(this.factory, 'create', [kind, ...args])) as SharedHandle);
  }

  list<T = unknown>(initial: Iterable<T> = []): Promise<ListProxy<T>> {
    return this.create('list', [...initial].map((item) => encodeValue(item))) as Promise<ListProxy<T>>;
  }

  dict<V = unknown>(): Promise<DictProxy<V>> {
    return this.create('dict') as Promise<DictProxy<V>>;
  }

  Namespace(): Promise<NamespaceProxy> {
    return this.create('Namespace') as Promise<NamespaceProxy>;
  }

  Lock(): Promise<Lock> {
    return this.create('Lock') as Promise<Lock>;
  }

  RLock(): Promise<RLock> {
    return this.create('RLock') as Promise<RLock>;
  }

  Semaphore(value = 1): Promise<Semaphore> {
    return this.create('Semaphore', value) as Promise<Semaphore>;
  }

  BoundedSemaphore(value = 1): Promise<BoundedSemaphore> {
    return this.create('BoundedSemaphore', value) as Promise<BoundedSemaphore>;
  }

  Condition(): Promise<ConditionProxy> {
    return this.create('Condition') as Promise<ConditionProxy>;
  }

  Event(): Promise<Event> {
    return this.create('Event') as Promise<Event>;
  }

  Barrier(parties: number): Promise<BarrierProxy> {
    return this.create('Barrier', parties) as Promise<BarrierProxy>;
  }

  Queue<T = unknown>(maxsize = 0): Promise<Queue<T>> {
    return this.create('Queue', maxsize) as Promise<Queue<T>>;
  }

  JoinableQueue<T = unknown>(maxsize = 0): Promise<JoinableQueue<T>> {
    return this.create('JoinableQueue', maxsize) as Promise<JoinableQueue<T>>;
  }

  Value(typecode: string, value: number): Promise<Value> {
    return this.create('Value', typecode, value) as Promise<Value>;
  }

  Array(typecode: string, items: Iterable<number>): Promise<ArrayProxy> {
    return this.create('Array', typecode, [...items].map((item) => encodeValue(item))) as Promise<ArrayProxy>;
  }

  /** Stops the server process; the proxies stop working. */
  async shutdown(): Promise<void> {
    this.server.terminate();
    await this.server.join();
  }
}

/** multiprocessing.Manager(): starts a manager's server process and returns the manager. */
export async function Manager(): Promise<SyncManager> {
  const ready = new Queue<SharedHandle>();
  const server = new Process({ target: serveManager, args: [ready], daemon: true, name: 'SyncManager-1' });
  server.start();
  return new SyncManager(server, await ready.get());
}

registerSharedKind('list-proxy', (handle) => new ListProxy(handle));
registerSharedKind('array-proxy', (handle) => new ArrayProxy(handle));
registerSharedKind('dict-proxy', (handle) => new DictProxy(handle));
registerSharedKind('namespace-proxy', (handle) => new NamespaceProxy(handle));
registerSharedKind('condition-proxy', (handle) => new ConditionProxy(handle));
registerSharedKind('barrier-proxy', (handle) => new BarrierProxy(handle));
